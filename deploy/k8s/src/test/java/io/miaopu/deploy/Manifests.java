package io.miaopu.deploy;

import static org.junit.jupiter.api.Assertions.fail;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The rendered manifests of deploy/k8s: {@code kubectl kustomize} of the base and of each overlay, every document
 * read as YAML and unmarshalled into the fabric8 Kubernetes model (a typed object for a built-in kind, a
 * {@link GenericKubernetesResource} for an operator's custom resource). Each variant is rendered once per run.
 */
final class Manifests {

    /** What is rendered: the base alone and the two overlays. */
    enum Variant {
        BASE("base"), DEV("overlays/dev"), PROD("overlays/prod");

        final String dir;

        Variant(String dir) {
            this.dir = dir;
        }
    }

    /** One rendered document: its raw tree (maps, lists, scalars) and its typed fabric8 object. */
    record Resource(String apiVersion, String kind, String name, Map<String, Object> raw, KubernetesResource typed) {

        String id() {
            return kind + "/" + name;
        }

        <T> T as(Class<T> type) {
            if (!type.isInstance(typed)) {
                fail(id() + " (" + apiVersion + ") was unmarshalled as " + typed.getClass().getName() + ", not as " + type.getName());
            }
            return type.cast(typed);
        }
    }

    /** All documents of one rendering, in kustomize's order. */
    record Rendering(Variant variant, List<Resource> resources) {

        List<Resource> all(String kind) {
            return resources.stream().filter(r -> r.kind().equals(kind)).toList();
        }

        <T> List<T> all(String kind, Class<T> type) {
            return all(kind).stream().map(r -> r.as(type)).toList();
        }

        Optional<Resource> find(String kind, String name) {
            return resources.stream().filter(r -> r.kind().equals(kind) && r.name().equals(name)).findFirst();
        }

        Resource one(String kind, String name) {
            return find(kind, name).orElseGet(() -> fail(variant + ": no " + kind + "/" + name + " in the rendered manifests"));
        }

        <T> T one(String kind, String name, Class<T> type) {
            return one(kind, name).as(type);
        }

        /** A generated ConfigMap or Secret by the name it was generated with (kustomize appends a hash). */
        Resource generated(String kind, String name) {
            List<Resource> found = all(kind).stream().filter(r -> r.name().equals(name) || r.name().matches(Pattern.quote(name) + "-[a-z0-9]{10}")).toList();
            if (found.size() != 1) {
                fail(variant + ": expected one " + kind + " generated as " + name + ", found " + found.stream().map(Resource::name).toList());
            }
            return found.get(0);
        }
    }

    static final YAMLMapper YAML = YAMLMapper.builder().build();
    static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private static final Map<Variant, Rendering> RENDERED = new EnumMap<>(Variant.class);

    private Manifests() {
    }

    static synchronized Rendering of(Variant variant) {
        return RENDERED.computeIfAbsent(variant, v -> parse(v, render(k8s().resolve(v.dir))));
    }

    /** The checkout's root (the Maven reactor root), which holds deploy/k8s. */
    static Path projectRoot() {
        String configured = System.getProperty("miaopu.project.root");
        Path start = (configured == null || configured.isBlank() ? Path.of("") : Path.of(configured)).toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("deploy/k8s/base/kustomization.yaml")) && Files.isRegularFile(dir.resolve("pom.xml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no deploy/k8s/base/kustomization.yaml above " + start);
    }

    static Path k8s() {
        return projectRoot().resolve("deploy/k8s");
    }

    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** kubectl from $KUBECTL or the PATH; its absence fails the check (it is never skipped). */
    static Path kubectl() {
        String configured = System.getenv("KUBECTL");
        if (configured != null && !configured.isBlank()) {
            Path path = Path.of(configured);
            if (Files.isExecutable(path)) {
                return path;
            }
            fail("KUBECTL=" + configured + " is not an executable file");
        }
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "kubectl"))) {
                return Path.of(dir, "kubectl");
            }
        }
        return fail("""
                kubectl is not on the PATH, and the deployment check renders the manifests with `kubectl kustomize`.
                Install kubectl 1.27 or later (its built-in kustomize v5 renders deploy/k8s; tested with 1.32):
                  - Debian/Ubuntu: the package kubectl from the Kubernetes repository (https://pkgs.k8s.io), or
                    Debian's own kubernetes-client (apt-get install kubernetes-client), whose kubectl has
                    `kubectl kustomize` but, in Debian 12 (1.20), too old a kustomize for these manifests;
                  - or the release binary: https://kubernetes.io/docs/tasks/tools/#kubectl
                or point the environment variable KUBECTL at a kubectl binary.""");
    }

    /** {@code kubectl kustomize <dir>}: the rendered YAML, or a failure with kubectl's own message. */
    static String render(Path dir) {
        Path kubectl = kubectl();
        ProcessBuilder builder = new ProcessBuilder(kubectl.toString(), "kustomize", dir.toString());
        try {
            Process process = builder.start();
            CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
            CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                fail(kubectl + " kustomize " + dir + " did not finish within 120 s");
            }
            String stdout = new String(out.join(), StandardCharsets.UTF_8);
            String stderr = new String(err.join(), StandardCharsets.UTF_8);
            if (process.exitValue() != 0) {
                fail(kubectl + " kustomize " + dir + " failed (exit " + process.exitValue() + "; the manifests need kubectl 1.27+"
                        + " with kustomize v5):\n" + stderr);
            }
            if (stdout.isBlank()) {
                fail(kubectl + " kustomize " + dir + " rendered nothing:\n" + stderr);
            }
            return stdout;
        } catch (IOException e) {
            throw new UncheckedIOException("running " + kubectl, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static byte[] readAll(InputStream in) {
        try (in; ByteArrayOutputStream buffer = new ByteArrayOutputStream()) {
            in.transferTo(buffer);
            return buffer.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    static Rendering parse(Variant variant, String yaml) {
        List<Resource> resources = new ArrayList<>();
        List<Object> documents = YAML.readerFor(Object.class).readValues(yaml).readAll();
        int index = 0;
        for (Object document : documents) {
            index++;
            if (document == null) {
                continue;
            }
            if (!(document instanceof Map<?, ?> map)) {
                fail(variant + ": document " + index + " is not a mapping: " + document);
                return null;
            }
            Map<String, Object> raw = (Map<String, Object>) map;
            String apiVersion = Tree.str(raw, "apiVersion");
            String kind = Tree.str(raw, "kind");
            String name = Tree.str(raw, "metadata", "name");
            if (apiVersion == null || kind == null || name == null) {
                fail(variant + ": document " + index + " lacks apiVersion, kind or metadata.name: " + raw);
            }
            KubernetesResource typed;
            try {
                typed = SERIALIZATION.convertValue(raw, KubernetesResource.class);
            } catch (RuntimeException e) {
                return fail(variant + ": " + kind + "/" + name + " does not unmarshal into the Kubernetes model: " + e.getMessage());
            }
            resources.add(new Resource(apiVersion, kind, name, raw, typed));
        }
        return new Rendering(variant, List.copyOf(resources));
    }
}
