package io.github.wxlogin.server.launch;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import org.sqlite.util.LibraryLoaderUtil;

/**
 * For {@code bin/wxlogin}, once per build and JDK, next to the extracted copy of the jar: writes
 * SQLite's native library for this system out of the driver's jar into a folder, where the launcher
 * then points the driver ({@code -Dorg.sqlite.lib.path}).
 *
 * <p>Without it, sqlite-jdbc copies the library (about 1 MB) into the temporary directory at every
 * start, under a new name, and reads both copies back byte by byte to compare them, in the interpreter
 * since nothing is compiled yet: about a tenth of a second of the start's main thread. A temporary
 * directory mounted {@code noexec}, as hardened containers have it, cannot load the copy at all. The
 * driver loads the library from the folder instead, and falls back to its own copy if the file is
 * missing or does not load.
 *
 * <p>{@code java -cp app/wxlogin-server.jar io.github.wxlogin.server.launch.SqliteLibrary native}
 */
public final class SqliteLibrary {

    private SqliteLibrary() {}

    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: SqliteLibrary <folder>");
            System.exit(2);
        }
        try {
            if (writeTo(Path.of(args[0])).isEmpty()) {
                System.err.println("wxlogin: the SQLite driver has no native library for this system ("
                        + System.getProperty("os.name") + ", " + System.getProperty("os.arch") + ")");
                System.exit(1);
            }
        } catch (IOException e) {
            // One line for the launcher's output (its next line says what follows), not a stack trace.
            System.err.println("wxlogin: could not write SQLite's native library into " + args[0] + ": " + e);
            System.exit(1);
        }
    }

    /**
     * Writes the library the driver would load on this system into {@code folder}, under the name the
     * driver looks for there, and answers its path; empty when the driver's jar holds none for this system.
     */
    static Optional<Path> writeTo(Path folder) throws IOException {
        String name = LibraryLoaderUtil.getNativeLibName();
        String resource = LibraryLoaderUtil.getNativeLibResourcePath() + "/" + name;
        try (InputStream library = LibraryLoaderUtil.class.getResourceAsStream(resource)) {
            if (library == null) {
                return Optional.empty();
            }
            Files.createDirectories(folder);
            Path target = folder.resolve(name);
            // A new file with the umask's permissions, as the extracted jar has (not a temporary file's
            // owner-only ones): an image built as root may run the service as another user.
            Path partial = folder.resolve(name + ".partial");
            try {
                Files.copy(library, partial, StandardCopyOption.REPLACE_EXISTING);
                Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(partial);
            }
            return Optional.of(target);
        }
    }
}
