package io.github.wxlogin.server.launch;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.wxlogin.server.TestDatabase;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.util.LibraryLoaderUtil;

/** The launcher's copy of SQLite's native library: the one the driver would load here, where it looks. */
class SqliteLibraryTest {

    /** No database here: it runs with the embedded suite only, not again for each server database. */
    @BeforeAll
    static void onceNotPerDatabase() {
        TestDatabase.onlyInTheEmbeddedSuite("runs with the embedded suite");
    }

    @TempDir
    Path dir;

    @Test
    void writesTheDriversLibraryForThisSystemUnderTheNameTheDriverLooksFor() throws Exception {
        Optional<Path> written = SqliteLibrary.writeTo(dir.resolve("native"));

        assertThat(written).contains(dir.resolve("native").resolve(LibraryLoaderUtil.getNativeLibName()));
        String resource = LibraryLoaderUtil.getNativeLibResourcePath() + "/" + LibraryLoaderUtil.getNativeLibName();
        try (InputStream inJar = LibraryLoaderUtil.class.getResourceAsStream(resource)) {
            assertThat(inJar).as(resource).isNotNull();
            assertThat(Files.readAllBytes(written.orElseThrow())).isEqualTo(inJar.readAllBytes());
        }
        try (var left = Files.list(dir.resolve("native"))) {
            assertThat(left).as("no partial copy left").containsExactly(written.orElseThrow());
        }
    }

    /**
     * The library gets the permissions of any new file there (the umask's), as the extracted jar does, not
     * a temporary file's owner-only ones: an image built as root may run the service as another user.
     */
    @Test
    void theCopyHasTheUmasksPermissionsNotATemporaryFilesOwnerOnlyOnes() throws Exception {
        Path written = SqliteLibrary.writeTo(dir.resolve("native")).orElseThrow();
        Path plain = Files.createFile(dir.resolve("plain"));

        assertThat(Files.getPosixFilePermissions(written)).isEqualTo(Files.getPosixFilePermissions(plain));
    }

    @Test
    void aSecondRunReplacesTheCopy() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("native"));
        Path stale = Files.writeString(folder.resolve(LibraryLoaderUtil.getNativeLibName()), "not a library");

        SqliteLibrary.writeTo(folder);

        assertThat(Files.size(stale)).isGreaterThan(100_000);
    }
}
