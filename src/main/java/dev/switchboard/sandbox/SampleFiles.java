package dev.switchboard.sandbox;

import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * What every simulated provider's files share: sample bytes that real readers open (a one-page
 * PDF, a minimal DOCX, a large file made as it is read), and the pieces of a storage host that
 * serves them behind signed links, as S3 does for most providers (e.g. a presigned resume link).
 * Each provider keeps its own paths, names, link formats and errors; only the mechanics are here.
 */
final class SampleFiles {

    static final String PDF_TYPE = "application/pdf";
    static final String DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    static final String BINARY_TYPE = "application/octet-stream";

    /** A fixed zip entry time, given as local time so the DOCX bytes are the same in every time zone and run. */
    private static final LocalDateTime ZIP_TIME = LocalDateTime.of(2026, 1, 1, 0, 0);
    private static final String XML = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>";

    private SampleFiles() {
    }

    /** A one-page PDF 1.4 showing a line of text; the cross-reference offsets are computed, so readers open it. */
    static byte[] pdf(String text) {
        // A literal string ends at an unbalanced parenthesis, so the text's own are escaped.
        String literal = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)");
        String content = "BT /F1 18 Tf 72 720 Td (" + literal + ") Tj ET";
        List<String> objects = List.of(
                "<< /Type /Catalog /Pages 2 0 R >>",
                "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
                        + " /Resources << /Font << /F1 5 0 R >> >> >>",
                "<< /Length " + content.length() + " >>\nstream\n" + content + "\nendstream",
                "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>");
        var pdf = new StringBuilder("%PDF-1.4\n");
        var offsets = new ArrayList<Integer>();
        for (int i = 0; i < objects.size(); i++) {
            offsets.add(pdf.length());
            pdf.append(i + 1).append(" 0 obj\n").append(objects.get(i)).append("\nendobj\n");
        }
        int xref = pdf.length();
        pdf.append("xref\n0 ").append(objects.size() + 1).append("\n0000000000 65535 f \n");
        offsets.forEach(offset -> pdf.append(String.format("%010d 00000 n \n", offset)));
        pdf.append("trailer\n<< /Size ").append(objects.size() + 1).append(" /Root 1 0 R >>\nstartxref\n")
                .append(xref).append("\n%%EOF\n");
        return pdf.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** The smallest DOCX Word opens: content types, the package relationship, one paragraph of text. */
    static byte[] docx(String text) {
        String paragraph = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
        var bytes = new ByteArrayOutputStream();
        try (var zip = new ZipOutputStream(bytes)) {
            part(zip, "[Content_Types].xml", XML
                    + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                    + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
                    + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
                    + "<Override PartName=\"/word/document.xml\" ContentType=\"application/"
                    + "vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>");
            part(zip, "_rels/.rels", XML
                    + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                    + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
                    + "relationships/officeDocument\" Target=\"word/document.xml\"/></Relationships>");
            part(zip, "word/document.xml", XML
                    + "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
                    + "<w:body><w:p><w:r><w:t>" + paragraph + "</w:t></w:r></w:p></w:body></w:document>");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static void part(ZipOutputStream zip, String name, String xml) throws IOException {
        var entry = new ZipEntry(name);
        entry.setTimeLocal(ZIP_TIME);
        zip.putNextEntry(entry);
        zip.write(xml.getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
    }

    /**
     * A large file of {@code size} bytes, made as it is read so it is never held whole. Byte i is
     * {@code (j * 31 + j / 256) mod 256} with {@code j = i mod 64 KiB}: within a block no two 256-byte
     * runs are alike, so a repeated or skipped buffer shows in a hash; the block repeats, so a test
     * can recompute any byte, or hash the whole from {@link #block()}.
     */
    record LargeFile(long size) {

        static final int BLOCK_BYTES = 64 * 1024;

        static byte byteAt(long position) {
            long j = position % BLOCK_BYTES;
            return (byte) (j * 31 + (j >>> 8));
        }

        /** The 64 KiB the content repeats. */
        static byte[] block() {
            byte[] block = new byte[BLOCK_BYTES];
            for (int i = 0; i < block.length; i++) {
                block[i] = byteAt(i);
            }
            return block;
        }

        InputStream open() {
            return new InputStream() {
                private long position;

                @Override
                public int read() {
                    return position < size ? byteAt(position++) & 0xff : -1;
                }

                @Override
                public int read(byte[] buffer, int offset, int length) {
                    if (position >= size) {
                        return -1;
                    }
                    int count = (int) Math.min(length, size - position);
                    for (int i = 0; i < count; i++) {
                        buffer[offset + i] = byteAt(position++);
                    }
                    return count;
                }
            };
        }
    }

    // ---- the storage host behind signed links ----

    /** A multipart upload's bytes, read whole: an upload is small (a provider caps it) and kept as sent. */
    static byte[] bytesOf(UploadedFile upload) {
        try (InputStream in = upload.content()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The type an upload declared, or the generic one when it declared none. */
    static String typeOf(UploadedFile upload) {
        return upload.contentType() == null ? BINARY_TYPE : upload.contentType();
    }

    /** A random key for a world's links: they stop working when the simulator restarts, as expired links do. */
    static byte[] freshKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }

    static byte[] hmacSha256(byte[] key, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether a link's signature is the one expected, compared in constant time so timing gives nothing away. */
    static boolean sameSignature(String expected, String given) {
        return given != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                given.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Refuses (400) a request to a presigned link that also carries an Authorization header, as S3
     * takes one authentication mechanism only: so a client that leaks credentials to storage fails.
     */
    static boolean refusedForCredentials(Context ctx) {
        if (ctx.header("Authorization") == null) {
            return false;
        }
        s3Error(ctx, 400, "InvalidArgument", "Only one auth mechanism allowed");
        return true;
    }

    /** An error as S3 words it: an XML {@code Error} with a code and a message. */
    static void s3Error(Context ctx, int status, String code, String message) {
        ctx.status(status).contentType("application/xml").result("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<Error><Code>" + code + "</Code><Message>" + message + "</Message></Error>");
    }

    /**
     * Sends a file's bytes (200) as they are read, so a large one is never held, with its type and
     * length, and its name in a Content-Disposition unless {@code fileName} is null (S3 sends none
     * unless the object was stored with one).
     */
    static void send(Context ctx, String contentType, long length, String fileName, InputStream bytes) {
        var response = ctx.res();
        response.setStatus(200);
        response.setContentType(contentType);
        response.setContentLengthLong(length);
        if (fileName != null) {
            response.setHeader("Content-Disposition", "attachment; filename=\"" + fileName + "\"");
        }
        try (InputStream in = bytes; OutputStream out = response.getOutputStream()) {
            in.transferTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
