package cc.marix.reseller.lambda;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import cc.marix.reseller.testing.DynamoAccess;

/**
 * The DynamoDB permissions template.yaml grants each function, as {@link DynamoAccess} triples, and how they differ
 * from what the code used. A grant is an Allow statement's DynamoDB item action on the table ({@code !GetAtt
 * Table.Arn}) or an index ({@code !Sub '${Table.Arn}/index/<name>'}), limited by
 * {@code ForAllValues:StringLike: dynamodb:LeadingKeys} to prefixes written {@code PRODUCT#*} (every key under the
 * prefix) or {@code CATEGORIES} (that one key). Stream actions are not item access: {@link #STREAM_ACTIONS}.
 */
final class DynamoGrants {

    static final Set<String> STREAM_ACTIONS = Set.of("dynamodb:DescribeStream", "dynamodb:GetRecords",
            "dynamodb:GetShardIterator", "dynamodb:ListStreams");
    private static final String LEADING_KEYS = "dynamodb:LeadingKeys";
    private static final String FOR_ALL_LIKE = "ForAllValues:StringLike";
    private static final String TABLE_ARN = "Table.Arn";
    private static final String INDEX_ARN = "${Table.Arn}/";

    private DynamoGrants() {
    }

    /** What a function's policy statements grant; a statement this audit cannot read is a problem, not a grant. */
    static Set<DynamoAccess> granted(String function, List<Map<String, Object>> statements, List<String> problems) {
        Set<DynamoAccess> grants = new TreeSet<>();
        for (Map<String, Object> statement : statements) {
            List<String> actions = strings(statement.get("Action")).stream()
                    .filter(action -> action.startsWith("dynamodb:") && !STREAM_ACTIONS.contains(action)).toList();
            if (actions.isEmpty()) {
                continue;
            }
            String sid = function + " statement " + statement.get("Sid");
            if (!"Allow".equals(statement.get("Effect"))) {
                problems.add(sid + ": only Allow statements are expected");
                continue;
            }
            List<String> prefixes = leadingKeys(statement, sid, problems);
            for (String resource : strings(statement.get("Resource"))) {
                String target = resource(resource);
                if (target == null) {
                    problems.add(sid + ": resource " + resource + " is neither the table nor one of its indexes");
                    continue;
                }
                for (String action : actions) {
                    for (String prefix : prefixes) {
                        grants.add(new DynamoAccess(action.substring("dynamodb:".length()), target, prefix));
                    }
                }
            }
        }
        return grants;
    }

    /** One line per permission granted but not used, or used but not granted, naming function, action, prefix. */
    static List<String> differences(String function, Set<DynamoAccess> granted, Set<DynamoAccess> used) {
        List<String> differences = new ArrayList<>();
        for (DynamoAccess access : used) {
            if (!granted.contains(access)) {
                differences.add(function + ": calls dynamodb:" + access.action() + " on " + access.resource()
                        + " for keys " + access.pattern() + " but template.yaml does not grant it");
            }
        }
        for (DynamoAccess access : granted) {
            if (!used.contains(access)) {
                differences.add(function + ": template.yaml grants dynamodb:" + access.action() + " on "
                        + access.resource() + " for keys " + access.pattern() + " that no test saw it use"
                        + " (remove the grant, or add the test that needs it)");
            }
        }
        return differences;
    }

    private static List<String> leadingKeys(Map<String, Object> statement, String sid, List<String> problems) {
        Object condition = statement.get("Condition");
        Object like = condition instanceof Map<?, ?> map ? map.get(FOR_ALL_LIKE) : null;
        Object keys = like instanceof Map<?, ?> map ? map.get(LEADING_KEYS) : null;
        if (keys == null) {
            problems.add(sid + ": DynamoDB actions without a " + FOR_ALL_LIKE + " " + LEADING_KEYS + " condition");
            return List.of();
        }
        List<String> prefixes = new ArrayList<>();
        for (String pattern : strings(keys)) {
            String prefix = pattern.endsWith("#*") ? pattern.substring(0, pattern.length() - 1) : pattern;
            if (prefix.contains("*") || prefix.contains("?") || prefix.isEmpty()) {
                problems.add(sid + ": leading-key pattern " + pattern + " is not PREFIX#* or an exact key");
            } else {
                prefixes.add(prefix);
            }
        }
        return prefixes;
    }

    private static String resource(String arn) {
        if (TABLE_ARN.equals(arn)) {
            return DynamoAccess.TABLE;
        }
        return arn.startsWith(INDEX_ARN + "index/") ? arn.substring(INDEX_ARN.length()) : null;
    }

    @SuppressWarnings("unchecked")
    static List<String> strings(Object value) {
        if (value == null) {
            return List.of();
        }
        return value instanceof List<?> list ? (List<String>) list : List.of(value.toString());
    }
}
