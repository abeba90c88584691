package cc.marix.reseller.nativeimage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import cc.marix.reseller.api.OpenApiResource;
import cc.marix.reseller.nativeimage.ResourceUses.Kind;
import cc.marix.reseller.nativeimage.ResourceUses.Use;

/** ResourceUses finds each kind of lookup in bytecode with the name it is given, and flags a computed one. */
class ResourceUsesTest {

    private static final Path FIXTURE = Path.of("target", "test-classes", "cc", "marix", "reseller", "nativeimage",
            "fixture");
    private static final String SITE = "cc.marix.reseller.nativeimage.fixture.LoadsResources#";

    @Test
    void in_shouldFindEveryLookupWithItsName() throws Exception {
        List<Use> uses = ResourceUses.in(FIXTURE);

        assertEquals(List.of(
                new Use(Kind.RESOURCE, "data/rates.json", SITE + "absolute"),
                new Use(Kind.RESOURCE, "cc/marix/reseller/nativeimage/fixture/templates/mail.txt", SITE + "relative"),
                new Use(Kind.RESOURCE, "META-INF/app.properties", SITE + "fromClassLoader"),
                new Use(Kind.BUNDLE, "messages", SITE + "bundle"),
                new Use(Kind.RESOURCE, "META-INF/services/java.lang.Runnable", SITE + "services"),
                new Use(Kind.RESOURCE, Use.UNKNOWN, SITE + "computed"),
                new Use(Kind.RESOURCE, Use.UNKNOWN, SITE + "fromVariable")), uses);
    }

    @Test
    void in_shouldFindTheOpenApiDocument_only_inTheApplicationToday() throws Exception {
        // the artifact's code loads one resource itself, by a constant name that application.properties includes
        // (quarkus.native.resources.includes): a new lookup shows here first, then in NativeConfigAudit
        Use document = new Use(Kind.RESOURCE, OpenApiResource.DOCUMENT, OpenApiResource.class.getName() + "#load");
        assertEquals(List.of(document), ResourceUses.in(Path.of("target", "classes")));
    }
}
