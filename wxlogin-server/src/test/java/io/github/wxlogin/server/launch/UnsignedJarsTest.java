package io.github.wxlogin.server.launch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.wxlogin.server.TestDatabase;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The launcher's copy of a signed jar: what the JDK reads from it, without the signature. */
class UnsignedJarsTest {

    /** No database here: it runs with the embedded suite only, not again for each server database. */
    @BeforeAll
    static void onceNotPerDatabase() {
        TestDatabase.onlyInTheEmbeddedSuite("runs with the embedded suite");
    }

    private static final String PROVIDER = "org/bouncycastle/jce/provider/BouncyCastleProvider.class";

    @TempDir
    Path dir;

    /** Bouncy Castle's own jar, signed, as the extracted service has it in lib/. */
    private Path signedJar() throws Exception {
        Path original = Path.of(BouncyCastleProvider.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
        Path lib = Files.createDirectories(dir.resolve("lib"));
        return Files.copy(original, lib.resolve(original.getFileName()));
    }

    @Test
    void aSignedJarLosesItsSignatureAndKeepsEverythingElse() throws Exception {
        Path jar = signedJar();
        assertThat(UnsignedJars.signed(jar)).as("Bouncy Castle ships signed").isTrue();
        Path original = Files.copy(jar, dir.resolve("original.jar"));
        Attributes mainBefore;
        try (JarFile signed = new JarFile(jar.toFile())) {
            mainBefore = signed.getManifest().getMainAttributes();
        }

        UnsignedJars.main(new String[] {jar.getParent().toString()});

        assertThat(UnsignedJars.signed(jar)).isFalse();
        try (JarFile unsigned = new JarFile(jar.toFile(), true)) {
            Attributes main = unsigned.getManifest().getMainAttributes();
            assertThat(main.getValue("Multi-Release")).isNull();
            Attributes expected = new Attributes(mainBefore);
            expected.remove(new Attributes.Name("Multi-Release"));
            assertThat(main).isEqualTo(expected);
            assertThat(unsigned.getManifest().getEntries())
                    .as("the per-entry digests")
                    .isEmpty();
            JarEntry entry = unsigned.getJarEntry(PROVIDER);
            try (InputStream in = unsigned.getInputStream(entry)) {
                in.transferTo(OutputStream.nullOutputStream());
            }
            assertThat(entry.getCodeSigners()).isNull();
        }
        assertThat(jar.resolveSibling(jar.getFileName() + ".unsigned")).doesNotExist();
        assertThat(contentAsRead(jar, Runtime.version()))
                .isEqualTo(withoutSignature(contentAsRead(original, Runtime.version())));
    }

    /** The copy for a release holds what a JDK of that release reads from the multi-release original. */
    @Test
    void aMultiReleaseJarBecomesWhatThatReleaseReads() throws Exception {
        Path jar = signedJar();
        Path original = Files.copy(jar, dir.resolve("original.jar"));

        UnsignedJars.unsign(jar, 25);

        Map<String, String> read = contentAsRead(original, Runtime.Version.parse("25"));
        assertThat(contentAsRead(jar, Runtime.Version.parse("25"))).isEqualTo(withoutSignature(read));
        assertThat(names(jar)).noneMatch(n -> n.startsWith("META-INF/versions/"));
        // A class of JDK 25's versioned folder, not the base one JDK 17 reads.
        assertThat(read.get("org/bouncycastle/jcajce/util/SpiUtil.class"))
                .isNotEqualTo(contentAsRead(original, Runtime.Version.parse("17"))
                        .get("org/bouncycastle/jcajce/util/SpiUtil.class"));
    }

    @Test
    void anUnsignedJarIsLeftAsItIs() throws Exception {
        Path jar = signedJar();
        UnsignedJars.main(new String[] {jar.getParent().toString()});
        long modified = Files.getLastModifiedTime(jar).toMillis();
        byte[] once = Files.readAllBytes(jar);

        UnsignedJars.main(new String[] {jar.getParent().toString()});

        assertThat(Files.readAllBytes(jar)).isEqualTo(once);
        assertThat(Files.getLastModifiedTime(jar).toMillis()).isEqualTo(modified);
    }

    /** A jar whose entry cannot be read (a damaged file) fails the copy, which leaves nothing behind. */
    @Test
    void aDamagedJarIsLeftAsItWasWithNoCopyBeside() throws Exception {
        Path jar = Files.createDirectories(dir.resolve("lib")).resolve("damaged.jar");
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 20_000; i++) {
            text.append("line ").append(i).append('\n');
        }
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new ZipEntry(JarFile.MANIFEST_NAME));
            out.write("Manifest-Version: 1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.putNextEntry(new ZipEntry("META-INF/SIGNER.SF"));
            out.write("Signature-Version: 1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.putNextEntry(new ZipEntry("big.txt"));
            out.write(text.toString().getBytes(StandardCharsets.US_ASCII));
        }
        // Overwrites compressed bytes of big.txt, after its local header: the zip's directory stays whole.
        byte[] bytes = Files.readAllBytes(jar);
        int header = new String(bytes, StandardCharsets.ISO_8859_1).indexOf("big.txt") - 30;
        int data = header + 30 + 7 + ((bytes[header + 28] & 0xff) | (bytes[header + 29] & 0xff) << 8);
        java.util.Arrays.fill(bytes, data + 100, data + 400, (byte) 0xff);
        Files.write(jar, bytes);
        assertThat(UnsignedJars.signed(jar)).isTrue();

        assertThatThrownBy(() -> UnsignedJars.unsignAll(jar.getParent())).isInstanceOf(IOException.class);

        assertThat(Files.readAllBytes(jar)).isEqualTo(bytes);
        assertThat(jar.resolveSibling("damaged.jar.unsigned")).doesNotExist();
    }

    @Test
    void signatureFilesAreTheOnesTheJarSpecificationNames() {
        assertThat(UnsignedJars.isSignature("META-INF/BCRSA204.SF")).isTrue();
        assertThat(UnsignedJars.isSignature("META-INF/BCRSA204.RSA")).isTrue();
        assertThat(UnsignedJars.isSignature("META-INF/SIGNER.DSA")).isTrue();
        assertThat(UnsignedJars.isSignature("META-INF/SIGNER.EC")).isTrue();
        assertThat(UnsignedJars.isSignature("META-INF/SIG-FOO")).isTrue();
        assertThat(UnsignedJars.isSignature("META-INF/MANIFEST.MF")).isFalse();
        assertThat(UnsignedJars.isSignature("META-INF/services/java.security.Provider"))
                .isFalse();
        assertThat(UnsignedJars.isSignature("META-INF/versions/11/OSGI-INF/MANIFEST.MF"))
                .isFalse();
        assertThat(UnsignedJars.isSignature("org/example/A.SF")).isFalse();
    }

    /**
     * Each file entry's name and a digest of the bytes a JDK of {@code release} reads for it, versioned
     * folders resolved (and not listed themselves), the manifest aside.
     */
    private static Map<String, String> contentAsRead(Path jar, Runtime.Version release) throws Exception {
        Map<String, String> content = new TreeMap<>();
        try (JarFile file = new JarFile(jar.toFile(), false, ZipFile.OPEN_READ, release)) {
            for (JarEntry entry : Collections.list(file.entries())) {
                String name = entry.getName();
                if (entry.isDirectory()
                        || name.startsWith("META-INF/versions/")
                        || name.equals(JarFile.MANIFEST_NAME)) {
                    continue;
                }
                content.put(name, digest(file, file.getJarEntry(name)));
            }
            // Paths that only a versioned folder has, as the JDK reads them.
            for (JarEntry entry : Collections.list(file.entries())) {
                java.util.regex.Matcher versioned =
                        Pattern.compile("META-INF/versions/(\\d+)/(.+)").matcher(entry.getName());
                if (versioned.matches()
                        && !entry.isDirectory()
                        && Integer.parseInt(versioned.group(1)) <= release.feature()) {
                    content.put(versioned.group(2), digest(file, file.getJarEntry(versioned.group(2))));
                }
            }
        }
        return content;
    }

    private static Map<String, String> withoutSignature(Map<String, String> content) {
        Map<String, String> kept = new TreeMap<>(content);
        kept.keySet().removeIf(UnsignedJars::isSignature);
        return kept;
    }

    private static String digest(JarFile file, JarEntry entry) throws Exception {
        try (InputStream in = file.getInputStream(entry)) {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(in.readAllBytes()));
        }
    }

    private static List<String> names(Path jar) throws Exception {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            return Collections.list(zip.entries()).stream()
                    .map(ZipEntry::getName)
                    .toList();
        }
    }
}
