package dev.switchboard.sandbox;

import java.io.InputStream;

/**
 * Real file bytes for the simulated Recruitee's attachments: a one-page PDF, a DOCX that word
 * processors open, and a large file generated as it is read, never held whole (made by
 * {@link SampleFiles}; the attachments themselves are {@link RecruiteeAttachments}').
 */
final class RecruiteeFiles {

    static final long LARGE_SIZE = 12L * 1024 * 1024;

    private RecruiteeFiles() {
    }

    static byte[] pdf(String text) {
        return SampleFiles.pdf(text);
    }

    static byte[] docx(String text) {
        return SampleFiles.docx(text);
    }

    static InputStream large() {
        return new SampleFiles.LargeFile(LARGE_SIZE).open();
    }
}
