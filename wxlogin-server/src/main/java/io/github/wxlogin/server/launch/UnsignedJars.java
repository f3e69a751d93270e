package io.github.wxlogin.server.launch;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * For {@code bin/wxlogin}, once per build and JDK, on the extracted copy of the jar: rewrites each
 * signed jar of a folder without its signature. The JVM verifies a signed jar at every start (the
 * signature block, then a digest of every class it loads from it) and puts none of its classes in a
 * class-data-sharing archive or an AOT cache; Bouncy Castle's jar is signed, and its 700 classes were
 * the largest part of a start not served from the archive.
 *
 * <p>The copy holds, for every entry, the bytes the running JDK reads from the signed jar, and the
 * same manifest less the per-entry digests the signature covered. A multi-release jar (Bouncy
 * Castle's is) becomes single-release for that JDK: each class is the version it would load (the
 * highest of {@code META-INF/versions/N} with N up to its release, else the base one). JDK 17 crashes
 * on an archived class from a versioned folder once JFR or an agent watches class loading
 * (JDK-8343427, fixed in 24), and the launcher makes the copy afresh when the JDK changes.
 *
 * <p>Nothing in wxlogin needs the signature: Bouncy Castle serves it keys and ES256 signatures
 * through {@code java.security}, which asks no provider for one (only a JCE cipher would, on some
 * JDKs). The jar built by Maven, and so {@code java -jar}, keep it.
 *
 * <p>{@code java -cp app/wxlogin-server.jar io.github.wxlogin.server.launch.UnsignedJars app/lib}
 */
public final class UnsignedJars {

    private static final Pattern SIGNATURE =
            Pattern.compile("META-INF/(?:[^/]+\\.(?:SF|RSA|DSA|EC)|SIG-[^/]+)", Pattern.CASE_INSENSITIVE);
    private static final String VERSIONS = "META-INF/versions/";
    private static final Pattern VERSIONED = Pattern.compile(VERSIONS + "(\\d+)/(.+)");

    private UnsignedJars() {}

    public static void main(String[] folders) {
        for (String folder : folders) {
            try {
                unsignAll(Path.of(folder));
            } catch (IOException e) {
                // One line for the launcher's output (its next line says what follows), not a stack trace.
                System.err.println(
                        "wxlogin: could not write unsigned copies of the signed libraries in " + folder + ": " + e);
                System.exit(1);
            }
        }
    }

    static void unsignAll(Path folder) throws IOException {
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(folder, "*.jar")) {
            for (Path jar : jars) {
                if (signed(jar)) {
                    unsign(jar, Runtime.version().feature());
                }
            }
        }
    }

    static boolean isSignature(String entryName) {
        return SIGNATURE.matcher(entryName).matches();
    }

    static boolean signed(Path jar) throws IOException {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            return Collections.list(zip.entries()).stream().anyMatch(e -> isSignature(e.getName()));
        }
    }

    /**
     * Replaces {@code jar} by a copy without its signature, as a JDK of {@code release} reads it,
     * written beside it and moved over it; on a failure the jar is left as it was, with no copy beside it.
     */
    static void unsign(Path jar, int release) throws IOException {
        Path copy = jar.resolveSibling(jar.getFileName() + ".unsigned");
        try {
            writeUnsigned(jar, copy, release);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(copy);
            throw e;
        }
        Files.move(copy, jar, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void writeUnsigned(Path jar, Path copy, int release) throws IOException {
        try (ZipFile zip = new ZipFile(jar.toFile());
                ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(copy))) {
            Manifest manifest = manifestWithoutDigests(zip);
            boolean multiRelease = manifest != null
                    && "true".equalsIgnoreCase(manifest.getMainAttributes().getValue("Multi-Release"));
            List<ZipEntry> entries = zip.stream().map(ZipEntry.class::cast).toList();
            Map<String, ZipEntry> versions = multiRelease ? newestVersions(entries, release) : Map.of();
            Set<String> names = new LinkedHashSet<>();
            for (ZipEntry entry : entries) {
                String name = entry.getName();
                if (isSignature(name) || (multiRelease && name.startsWith(VERSIONS))) {
                    continue;
                }
                names.add(name);
            }
            names.addAll(versions.keySet()); // classes only a versioned folder has
            for (String name : names) {
                ZipEntry source = versions.getOrDefault(name, zip.getEntry(name));
                ZipEntry next = new ZipEntry(name);
                next.setTime(source.getTime());
                out.putNextEntry(next);
                if (name.equalsIgnoreCase(JarFile.MANIFEST_NAME)) {
                    if (multiRelease) {
                        manifest.getMainAttributes().remove(new Attributes.Name("Multi-Release"));
                    }
                    manifest.write(out);
                } else {
                    try (InputStream in = zip.getInputStream(source)) {
                        in.transferTo(out);
                    }
                }
                out.closeEntry();
            }
        }
    }

    /** For each path a versioned folder of at most {@code release} holds, the entry of the highest one. */
    private static Map<String, ZipEntry> newestVersions(List<ZipEntry> entries, int release) {
        Map<String, ZipEntry> newest = new HashMap<>();
        Map<String, Integer> newestVersion = new HashMap<>();
        for (ZipEntry entry : entries) {
            Matcher versioned = VERSIONED.matcher(entry.getName());
            if (!versioned.matches() || entry.isDirectory()) {
                continue;
            }
            int version = Integer.parseInt(versioned.group(1));
            String path = versioned.group(2);
            if (version <= release && version > newestVersion.getOrDefault(path, 0)) {
                newest.put(path, entry);
                newestVersion.put(path, version);
            }
        }
        return newest;
    }

    /** The manifest without the per-entry digests the signature covered (other attributes stay). */
    private static Manifest manifestWithoutDigests(ZipFile zip) throws IOException {
        ZipEntry entry = zip.getEntry(JarFile.MANIFEST_NAME);
        if (entry == null) {
            return null;
        }
        Manifest signed;
        try (InputStream in = zip.getInputStream(entry)) {
            signed = new Manifest(in);
        }
        Manifest unsigned = new Manifest();
        unsigned.getMainAttributes().putAll(signed.getMainAttributes());
        signed.getEntries().forEach((name, attributes) -> {
            Attributes kept = new Attributes();
            attributes.forEach((key, value) -> {
                if (!key.toString().toLowerCase(Locale.ROOT).endsWith("-digest")) {
                    kept.put(key, value);
                }
            });
            if (!kept.isEmpty()) {
                unsigned.getEntries().put(name, kept);
            }
        });
        return unsigned;
    }
}
