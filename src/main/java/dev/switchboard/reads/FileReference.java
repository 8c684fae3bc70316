package dev.switchboard.reads;

import dev.switchboard.crypto.SecretBox;
import dev.switchboard.crypto.SecretException;
import dev.switchboard.error.ApiException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A provider's link to a file, as callers see it: sealed and bound to one account, so that
 * the download endpoint fetches only links Switchboard itself handed to that account, never
 * a URL a caller made up or took from another account.
 */
public final class FileReference {

    private FileReference() {
    }

    public static String seal(SecretBox box, String accountId, String providerUrl) {
        String sealed = box.seal(providerUrl, binding(accountId));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(sealed.getBytes(StandardCharsets.UTF_8));
    }

    /** The provider's link (or file handle) sealed in a file_url this account was given. */
    static String open(SecretBox box, String accountId, String fileUrl) {
        try {
            String sealed = new String(Base64.getUrlDecoder().decode(fileUrl), StandardCharsets.UTF_8);
            return box.open(sealed, binding(accountId));
        } catch (IllegalArgumentException | SecretException e) {
            throw ApiException.invalid("'file_url' is not a file_url this account was given; pass an attachment's "
                    + "file_url exactly as it came", "query", List.of(),
                    Map.of("file_url", "is not a file_url of this account"));
        }
    }

    /** The item with each file link field sealed: what a caller may pass back to download. */
    public static Map<String, Object> sealIn(Map<String, Object> item, Iterable<String> fileUrlFields, SecretBox box,
            String accountId) {
        var sealed = new LinkedHashMap<>(item);
        for (String field : fileUrlFields) {
            if (sealed.get(field) instanceof String url && !url.isBlank()) {
                sealed.put(field, seal(box, accountId, url));
            }
        }
        return sealed;
    }

    private static String binding(String accountId) {
        return "file-url:" + accountId;
    }
}
