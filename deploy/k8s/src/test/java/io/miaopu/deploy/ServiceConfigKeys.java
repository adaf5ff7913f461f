package io.miaopu.deploy;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The configuration a service knows, from its sources: the keys of its application.properties (any profile) and
 * of the chassis' microprofile-config.properties it embeds, the properties of its and the chassis' @ConfigMapping
 * interfaces, and the environment variables its properties read in expressions (${MIAOPU_REGISTRY_URL:...}).
 * {@link #resolve} says which of these an environment variable sets, by MicroProfile Config's environment mapping
 * (upper case, every character other than a letter or a digit an underscore).
 */
final class ServiceConfigKeys {

    /**
     * Quarkus' and Kafka's own keys that the manifests may set, a short list on purpose: each must also appear in
     * the service's own properties (application.properties or the chassis'), so that a misspelt key fails.
     */
    static final Set<String> QUARKUS_KEYS = Set.of(
            "quarkus.http.host",
            "quarkus.http.port",
            "quarkus.management.host",
            "quarkus.http.proxy.trusted-proxies",
            "quarkus.http.proxy.proxy-address-forwarding",
            "quarkus.http.proxy.allow-x-forwarded",
            "quarkus.http.proxy.enable-forwarded-host",
            "quarkus.datasource.username",
            "quarkus.datasource.password",
            "kafka.bootstrap.servers");

    /** Variables read by the container image, not by the application: name and who reads it. */
    static final Map<String, String> NOT_CONFIG = Map.of(
            "JAVA_MAX_MEM_RATIO", "run-java.sh of the jib base image (ubi9/openjdk-17-runtime): heap as a share of the memory limit");

    private static final Pattern EXPRESSION_VARIABLE = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)(?=[:}])");
    private static final Pattern CONFIG_MAPPING = Pattern.compile("@ConfigMapping\\s*\\(\\s*prefix\\s*=\\s*\"([^\"]+)\"[^)]*\\)");

    final String module;
    /** Property keys (profile prefixes removed) and the file each comes from. */
    final Map<String, String> keys = new LinkedHashMap<>();
    /** Variables the properties read in expressions. */
    final Set<String> expressionVariables = new LinkedHashSet<>();
    /** @ConfigMapping properties, as patterns over environment variable names. */
    final Map<String, Pattern> mappingProperties = new LinkedHashMap<>();

    private ServiceConfigKeys(String module) {
        this.module = module;
    }

    /** What a service module (registry-service, ..., gateway) knows, with the chassis modules it depends on. */
    static ServiceConfigKeys of(String module) {
        Path root = Manifests.projectRoot();
        Path dir = root.resolve(module);
        if (!Files.isRegularFile(dir.resolve("src/main/resources/application.properties"))) {
            throw new IllegalArgumentException("no module " + module + " with src/main/resources/application.properties");
        }
        ServiceConfigKeys config = new ServiceConfigKeys(module);
        String pom = Manifests.read(dir.resolve("pom.xml"));
        List<Path> sources = new ArrayList<>();
        sources.add(dir);
        sources.add(root.resolve("chassis/core"));
        if (pom.contains("<artifactId>chassis-events</artifactId>")) {
            sources.add(root.resolve("chassis/events"));
        }
        for (Path source : sources) {
            config.readProperties(source.resolve("src/main/resources/application.properties"));
            config.readProperties(source.resolve("src/main/resources/META-INF/microprofile-config.properties"));
            config.readConfigMappings(source.resolve("src/main/java"));
        }
        return config;
    }

    /** A key's environment variable name. */
    static String envName(String key) {
        return key.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }

    /** What an environment variable sets in this service, or empty if nothing (with the reason in the caller). */
    Optional<String> resolve(String variable) {
        if (NOT_CONFIG.containsKey(variable)) {
            return Optional.of("(not configuration: " + NOT_CONFIG.get(variable) + ")");
        }
        if (expressionVariables.contains(variable)) {
            return Optional.of("${" + variable + "} in its properties");
        }
        for (String key : keys.keySet()) {
            if (envName(key).equals(variable)) {
                if ((key.startsWith("quarkus.") || key.startsWith("kafka.")) && !QUARKUS_KEYS.contains(key)) {
                    return Optional.empty();
                }
                return Optional.of(key);
            }
        }
        for (Map.Entry<String, Pattern> property : mappingProperties.entrySet()) {
            if (property.getValue().matcher(variable).matches()) {
                return Optional.of(property.getKey() + " (@ConfigMapping)");
            }
        }
        return Optional.empty();
    }

    /** Why a variable does not resolve, for the failure message. */
    String whyNot(String variable) {
        for (String key : QUARKUS_KEYS) {
            if (envName(key).equals(variable)) {
                return variable + " is " + key + ", which " + module + " never sets in its properties (application.properties or the chassis'): a typo?";
            }
        }
        for (String key : keys.keySet()) {
            if (envName(key).equals(variable)) {
                return variable + " is " + key + ", a Quarkus key not on the allow-list ServiceConfigKeys.QUARKUS_KEYS";
            }
        }
        return variable + " is no configuration key of " + module + " (its application.properties, the chassis' defaults, "
                + "its @ConfigMapping interfaces, or a ${VARIABLE} its properties read)";
    }

    private void readProperties(Path file) {
        if (!Files.isRegularFile(file)) {
            return;
        }
        Properties properties = new Properties();
        try {
            properties.load(new StringReader(Manifests.read(file)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String from = Manifests.projectRoot().relativize(file).toString();
        for (String name : properties.stringPropertyNames()) {
            String key = name.startsWith("%") && name.indexOf('.') > 0 ? name.substring(name.indexOf('.') + 1) : name;
            keys.putIfAbsent(key, from);
            Matcher m = EXPRESSION_VARIABLE.matcher(properties.getProperty(name));
            while (m.find()) {
                expressionVariables.add(m.group(1));
            }
        }
    }

    private void readConfigMappings(Path sources) {
        if (!Files.isDirectory(sources)) {
            return;
        }
        try (Stream<Path> files = Files.walk(sources)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String source = withoutComments(Manifests.read(file));
                Matcher m = CONFIG_MAPPING.matcher(source);
                if (m.find()) {
                    Map<String, String> interfaces = interfaces(source);
                    String top = interfaceAfter(source, m.end());
                    collect(m.group(1), interfaces.get(top), interfaces, 0);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The properties under {@code prefix} that an interface body declares, recursing into nested groups. */
    private void collect(String prefix, String body, Map<String, String> interfaces, int depth) {
        if (body == null || depth > 5) {
            return;
        }
        for (String declaration : topLevelDeclarations(body)) {
            String method = declaration.replaceAll("@\\w+(\\s*\\((?:[^()\"]|\"[^\"]*\")*\\))?", " ").trim();
            Matcher signature = Pattern.compile("^(?:public\\s+)?(.+?)\\s+(\\w+)\\s*\\(\\s*\\)$").matcher(method);
            if (!signature.matches()) {
                continue;
            }
            Matcher withName = Pattern.compile("@WithName\\s*\\(\\s*\"([^\"]+)\"").matcher(declaration);
            String name = withName.find() ? withName.group(1) : kebab(signature.group(2));
            String type = signature.group(1).replaceAll("\\s+", "");
            String path = prefix + "." + name;
            Matcher generic = Pattern.compile("^(?:Optional|List|Set)<(.+)>$").matcher(type);
            Matcher map = Pattern.compile("^Map<String,(.+)>$").matcher(type);
            if (map.matches()) {
                String value = map.group(1);
                if (interfaces.containsKey(value)) {
                    collect(path + ".*", interfaces.get(value), interfaces, depth + 1);
                } else {
                    addMapping(path + ".*");
                }
            } else if (type.startsWith("List<") && interfaces.containsKey(type.substring(5, type.length() - 1))) {
                collect(path + "[*]", interfaces.get(type.substring(5, type.length() - 1)), interfaces, depth + 1);
            } else if (generic.matches() && interfaces.containsKey(generic.group(1))) {
                collect(path, interfaces.get(generic.group(1)), interfaces, depth + 1);
            } else if (interfaces.containsKey(type)) {
                collect(path, interfaces.get(type), interfaces, depth + 1);
            } else {
                addMapping(path);
            }
        }
    }

    private void addMapping(String property) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < property.length(); i++) {
            char c = property.charAt(i);
            if (property.startsWith("[*]", i)) {
                regex.append("_[0-9]+_");
                i += 2;
            } else if (c == '*') {
                regex.append("[A-Z0-9_]+");
            } else if (Character.isLetterOrDigit(c)) {
                regex.append(Character.toUpperCase(c));
            } else {
                regex.append('_');
            }
        }
        mappingProperties.put(property, Pattern.compile(regex.toString()));
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    private static String withoutComments(String source) {
        return source.replaceAll("(?s)/\\*.*?\\*/", " ").replaceAll("//[^\\n]*", " ");
    }

    /** Every interface of a file by simple name, with its body (between its braces). */
    private static Map<String, String> interfaces(String source) {
        Map<String, String> bodies = new LinkedHashMap<>();
        Matcher m = Pattern.compile("\\binterface\\s+(\\w+)[^{]*\\{").matcher(source);
        while (m.find()) {
            bodies.put(m.group(1), block(source, m.end() - 1));
        }
        return bodies;
    }

    private static String interfaceAfter(String source, int from) {
        Matcher m = Pattern.compile("\\binterface\\s+(\\w+)").matcher(source);
        return m.find(from) ? m.group(1) : null;
    }

    /** The text between the brace at {@code open} and its partner. */
    private static String block(String source, int open) {
        int depth = 0;
        for (int i = open; i < source.length(); i++) {
            char c = source.charAt(i);
            if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                return source.substring(open + 1, i);
            }
        }
        return source.substring(open + 1);
    }

    /** The statements of a body that end with ';' outside any nested block (abstract methods, constants). */
    private static List<String> topLevelDeclarations(String body) {
        List<String> declarations = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int depth = 0;
        for (char c : body.toCharArray()) {
            if (c == '{') {
                depth++;
                if (depth == 1) {
                    current.setLength(0);
                }
            } else if (c == '}') {
                depth--;
                if (depth == 0) {
                    current.setLength(0);
                }
            } else if (depth == 0) {
                if (c == ';') {
                    String declaration = current.toString().trim();
                    if (!declaration.startsWith("default ") && !declaration.startsWith("static ")) {
                        declarations.add(declaration);
                    }
                    current.setLength(0);
                } else {
                    current.append(c);
                }
            }
        }
        return declarations;
    }
}
