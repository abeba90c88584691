package cc.marix.reseller.nativeimage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.Handle;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * The resources the application's own code loads at run time, read from its bytecode: every call of
 * {@code Class}/{@code ClassLoader}/{@code Module.getResource*}, {@code ClassLoader.getSystemResource*},
 * {@code ResourceBundle.getBundle} and {@code ServiceLoader.load}, with the constant it is given. A native image has
 * only the resources its configuration includes, and a name computed at run time cannot be checked, so such a call
 * is reported as {@link Use#UNKNOWN}. (The libraries' own lookups are their extensions' business; Quarkus
 * registers them.)
 */
final class ResourceUses {

    /** A call site: what kind of lookup, its resource or bundle name, and where it is. */
    record Use(Kind kind, String name, String site) {
        static final String UNKNOWN = "(computed at run time)";
    }

    enum Kind { RESOURCE, BUNDLE }

    private static final Set<String> RESOURCE_OWNERS = Set.of("java/lang/Class", "java/lang/ClassLoader",
            "java/lang/Module");

    private ResourceUses() {
    }

    static List<Use> in(Path classes) throws IOException {
        List<Use> uses = new ArrayList<>();
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(path -> path.toString().endsWith(".class")).toList()) {
                try (InputStream in = Files.newInputStream(file)) {
                    new ClassReader(in).accept(new Scanner(uses), ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
                }
            }
        }
        return uses;
    }

    private static final class Scanner extends ClassVisitor {

        private final List<Use> uses;
        private String className;

        Scanner(List<Use> uses) {
            super(Opcodes.ASM9);
            this.uses = uses;
        }

        @Override
        public void visit(int version, int access, String name, String signature, String superName,
                String[] interfaces) {
            className = name;
        }

        @Override
        public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                String[] exceptions) {
            String site = className.replace('/', '.') + "#" + name;
            return new MethodVisitor(Opcodes.ASM9) {
                /** The constant loaded last: the argument when a lookup follows it directly. */
                private Object constant;

                @Override
                public void visitLdcInsn(Object value) {
                    constant = value;
                }

                // any other instruction between the constant and the lookup may replace the argument
                @Override
                public void visitVarInsn(int opcode, int variable) {
                    constant = null;
                }

                @Override
                public void visitFieldInsn(int opcode, String owner, String field, String desc) {
                    constant = null;
                }

                @Override
                public void visitInvokeDynamicInsn(String method, String desc, Handle bootstrap, Object... args) {
                    constant = null;
                }

                @Override
                public void visitMethodInsn(int opcode, String owner, String method, String desc, boolean itf) {
                    if (RESOURCE_OWNERS.contains(owner)
                            && (method.startsWith("getResource") || method.startsWith("getSystemResource"))) {
                        uses.add(new Use(Kind.RESOURCE, resourceName(owner), site));
                    } else if (owner.equals("java/util/ResourceBundle") && method.equals("getBundle")) {
                        uses.add(new Use(Kind.BUNDLE, constant instanceof String bundle ? bundle : Use.UNKNOWN, site));
                    } else if (owner.equals("java/util/ServiceLoader") && method.startsWith("load")) {
                        uses.add(new Use(Kind.RESOURCE, constant instanceof Type service
                                ? "META-INF/services/" + service.getClassName() : Use.UNKNOWN, site));
                    }
                    constant = null;
                }

                /** Class.getResource resolves a relative name against its class's package (taken as the caller's). */
                private String resourceName(String owner) {
                    if (!(constant instanceof String name)) {
                        return Use.UNKNOWN;
                    }
                    if (name.startsWith("/")) {
                        return name.substring(1);
                    }
                    if (owner.equals("java/lang/Class")) {
                        int slash = className.lastIndexOf('/');
                        return slash < 0 ? name : className.substring(0, slash + 1) + name;
                    }
                    return name;
                }
            };
        }
    }
}
