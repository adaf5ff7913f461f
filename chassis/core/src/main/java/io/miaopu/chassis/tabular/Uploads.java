package io.miaopu.chassis.tabular;

import io.miaopu.chassis.problem.ProblemException;
import io.miaopu.chassis.problem.ProblemType;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An uploaded file (bulk import, sign-in sheet) taken as a stream, never as one String: the body is
 * copied to a temporary file while its bytes are counted (past the limit: a 413 at once, the rest never
 * read), then read from there record by record on a worker thread. A slow client thus holds a file on
 * disk, not memory, and one upload's memory is bounded by what the caller keeps of its rows.
 * Resource methods taking the body as an {@link InputStream} run on a worker thread (blocking).
 */
public final class Uploads {

    private Uploads() {
    }

    /**
     * Copies the body to a temporary file; 413 (problem) when it holds more than {@code maxBytes}, 400
     * when it is empty. The caller deletes the file ({@link #delete}). Blocking.
     */
    public static Path spool(InputStream body, long maxBytes) {
        Path file;
        try {
            file = Files.createTempFile("miaopu-upload-", ".tmp");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        boolean kept = false;
        try (InputStream in = body == null ? InputStream.nullInputStream() : body;
             OutputStream out = Files.newOutputStream(file)) {
            byte[] buffer = new byte[64 * 1024];
            long total = 0;
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                total += n;
                if (total > maxBytes) {
                    throw tooLarge(maxBytes);
                }
                out.write(buffer, 0, n);
            }
            if (total == 0) {
                throw io.miaopu.chassis.rest.Inputs.invalid(ProblemType.VALIDATION, "body", "is empty", "为空");
            }
            kept = true;
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (!kept) {
                delete(file);
            }
        }
    }

    /** 413: the body is larger than an upload of this kind may be. */
    public static ProblemException tooLarge(long maxBytes) {
        String size = maxBytes % (1024 * 1024) == 0 ? maxBytes / (1024 * 1024) + " MiB" : String.format("%,d bytes", maxBytes);
        return new ProblemException(ProblemType.PAYLOAD_TOO_LARGE, "An upload here holds at most " + size + "; split it.",
                "此处上传的文件至多 " + size + "，请拆分。");
    }

    /** The spooled text as UTF-8 (bytes that are not UTF-8 read as U+FFFD, as a String body would). */
    public static Reader text(Path file) {
        try {
            return new BufferedReader(new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE)), 64 * 1024);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // A temporary file left behind is removed with the temporary directory.
        }
    }
}
