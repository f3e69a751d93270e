package io.github.wxlogin.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MasterKeysTest {

    @TempDir
    Path dir;

    @Test
    void createWritesOneOwnerOnlyKeyFileAndLeavesNoTemporaryFile() throws IOException {
        Path dataDir = dir.resolve("data");

        byte[] key = MasterKeys.create(dataDir);

        Path file = dataDir.resolve(MasterKeys.FILE_NAME);
        assertThat(key).hasSize(32);
        assertThat(Files.readString(file, StandardCharsets.US_ASCII))
                .isEqualTo(Base64.getEncoder().encodeToString(key) + "\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        try (Stream<Path> files = Files.list(dataDir)) {
            assertThat(files.map(p -> p.getFileName().toString()).toList()).isEqualTo(List.of(MasterKeys.FILE_NAME));
        }
        assertThat(MasterKeys.read(dataDir))
                .hasValueSatisfying(read -> assertThat(read).isEqualTo(key));
    }

    @Test
    void createKeepsAKeyFileAnotherProcessWroteFirst() throws IOException {
        byte[] first = MasterKeys.create(dir);
        String written = Files.readString(dir.resolve(MasterKeys.FILE_NAME));

        byte[] second = MasterKeys.create(dir);

        assertThat(second).isEqualTo(first);
        assertThat(Files.readString(dir.resolve(MasterKeys.FILE_NAME))).isEqualTo(written);
    }

    @Test
    void readWritesNothingWhenThereIsNoKeyFile() {
        Path dataDir = dir.resolve("data");

        assertThat(MasterKeys.read(dataDir)).isEmpty();
        assertThat(dataDir).doesNotExist();
    }

    @Test
    void anEmptyShortOrGarbledKeyFileIsRefused() throws IOException {
        Path file = dir.resolve(MasterKeys.FILE_NAME);

        Files.writeString(file, "");
        assertThatThrownBy(() -> MasterKeys.read(dir))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageEndingWith("is empty");

        Files.writeString(file, Base64.getEncoder().encodeToString(new byte[16]) + "\n");
        assertThatThrownBy(() -> MasterKeys.read(dir))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("32 bytes, not of 16");

        Files.writeString(file, "not a key at all!\n");
        assertThatThrownBy(() -> MasterKeys.read(dir))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageEndingWith("is not base64");

        Files.write(file, new byte[] {(byte) 0xff, (byte) 0xfe, 0x41});
        assertThatThrownBy(() -> MasterKeys.read(dir))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageEndingWith("is not base64");
    }

    @Test
    void aConfiguredKeyIsNamedByItsSettingNeverQuoted() {
        String shortKey = Base64.getEncoder().encodeToString("sixteen byte key".getBytes(StandardCharsets.US_ASCII));

        assertThatThrownBy(() -> MasterKeys.decode(shortKey, "WXLOGIN_MASTER_KEY"))
                .hasMessage("WXLOGIN_MASTER_KEY must be base64 of 32 bytes, not of 16")
                .hasMessageNotContaining(shortKey);
        assertThat(MasterKeys.decode(" " + Base64.getEncoder().encodeToString(new byte[32]) + "\n", "k"))
                .hasSize(32);
    }
}
