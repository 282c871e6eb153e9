package dev.intriguing.datasets.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class WriteFailedExceptionTests {
    private static final Path TARGET = Path.of("/data/out/adv.csv");

    @Test
    void aFullDiskSaysSoAndNamesTheTargetNotTheTemporaryFile() {
        WriteFailedException e = new WriteFailedException(TARGET, new FileSystemException("/data/out/.adv.csv.tmp-0a1b2c",
                null, "No space left on device"));
        assertEquals("Could not write /data/out/adv.csv: the disk is full (No space left on device). Free some space there"
                + " or choose another directory. The previous copy of adv.csv, if any, is unchanged and nothing"
                + " half-written was left under its name.", e.getMessage());
        assertFalse(e.getMessage().contains(".tmp-"));
        assertEquals(TARGET, e.path());
        assertTrue(e instanceof UserError, "shown without a trace");
    }

    @Test
    void aStreamsPlainIoExceptionAndAReadOnlyFileSystemAreRecognised() {
        assertTrue(new WriteFailedException(TARGET, new IOException("No space left on device")).getMessage()
                .contains(": the disk is full (No space left on device)."));
        assertTrue(new WriteFailedException(TARGET, new FileSystemException("/data/out", null, "Read-only file system"))
                .getMessage().contains(": the file system is read-only (Read-only file system). Choose a directory on a writable"));
        assertTrue(new WriteFailedException(TARGET, new AccessDeniedException("/data/out")).getMessage()
                .contains(": permission denied (Permission denied)."));
    }

    @Test
    void aGivenFixReplacesTheUsualAdvice() {
        String m = WriteFailedException.message(TARGET, new IOException("No space left on device"), "Set INTRIGUING_CACHE.");
        assertTrue(m.contains("(No space left on device). Set INTRIGUING_CACHE. The previous copy"), m);
    }
}
