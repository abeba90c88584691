package cc.marix.reseller.admin;

import com.fasterxml.jackson.databind.JsonNode;

/** One action of the admin function, chosen by the event's {@code action} field. */
public interface AdminAction {

    String name();

    Object run(JsonNode event);
}
