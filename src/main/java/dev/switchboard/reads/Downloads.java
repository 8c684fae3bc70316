package dev.switchboard.reads;

import dev.switchboard.accounts.AccountService;
import dev.switchboard.accounts.IntegratedAccount;
import dev.switchboard.catalog.Catalog;
import dev.switchboard.catalog.IntegrationDefinition;
import dev.switchboard.catalog.MethodModel;
import dev.switchboard.catalog.Operation;
import dev.switchboard.catalog.UnifiedModel;
import dev.switchboard.crypto.SecretBox;
import dev.switchboard.error.ApiException;
import dev.switchboard.observability.RequestTrace;
import dev.switchboard.remote.OutcomeUnknown;
import dev.switchboard.remote.ProviderClient;
import dev.switchboard.remote.RemoteCaller;
import dev.switchboard.remote.RemoteErrors;
import dev.switchboard.remote.RemoteRequest;
import dev.switchboard.remote.RemoteStream;

import dev.switchboard.unified.RequestBuilder;
import dev.switchboard.unified.UnifiedResult;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code POST /unified/{resource}/download?file_url=…}: a file's bytes, streamed from the
 * provider to the caller and never held whole. The link must be one this account was
 * given; it is fetched with the account's credentials when it lies under the account's API,
 * and without them on the provider's storage hosts, where a redirect may also lead. A file
 * larger than the limit is refused before its bytes are passed on.
 */
public final class Downloads {

    private static final String METHOD = UnifiedModel.DOWNLOAD;
    /** Provider API → signed storage link → storage's own redirect: more hops than that is a loop. */
    private static final int MAX_HOPS = 3;

    private final Catalog catalog;
    private final AccountService accounts;
    private final RemoteCaller caller;
    private final PageReader pages;
    private final SecretBox box;
    private final FileHosts hosts;
    private final long maxFileBytes;

    public Downloads(Catalog catalog, AccountService accounts, RemoteCaller caller, PageReader pages, SecretBox box,
            FileHosts hosts, long maxFileBytes) {
        this.catalog = catalog;
        this.accounts = accounts;
        this.caller = caller;
        this.pages = pages;
        this.box = box;
        this.hosts = hosts;
        this.maxFileBytes = maxFileBytes;
    }

    /** The largest file passed on, either way: uploads are held to it too. */
    public long maxFileBytes() {
        return maxFileBytes;
    }

    public UnifiedResult download(String environment, String accountId, String resource, String fileUrl,
            RequestTrace trace) {
        IntegratedAccount account = accounts.get(environment, accountId);
        trace.operation(account.integration(), resource, METHOD);
        IntegrationDefinition integration = catalog.integration(account.integration()).orElseThrow();
        UnifiedModel model = catalog.model(resource).orElseThrow();
        MethodModel method = model.methods().get(METHOD);
        if (method == null || !method.integrations().containsKey(integration.name())) {
            throw ApiException.badRequest(integration.label() + " cannot download " + model.plural()
                    + integration.unsupportedReason(resource, METHOD).map(why -> " (" + why + ")").orElse(""));
        }
        String reference = FileReference.open(box, account.id(), fileUrl);
        URI target = catalog.operation(integration.name(), resource, METHOD)
                .map(resolve -> located(resolve, account, reference, trace))
                .orElseGet(() -> link(integration, reference));
        for (int hop = 0; hop < MAX_HOPS; hop++) {
            boolean api = hosts.underApi(integration, account, target);
            if (!api && !hosts.storage(integration, target)) {
                throw ApiException.of(502, integration.label() + " linked the file to " + target.getHost()
                        + ", which is neither its API nor a storage host of its catalog; it was not fetched")
                        .withExtra("truto_is_remote_error", true);
            }
            RemoteStream stream = open(integration, account, target, api, trace);
            if (stream.status() >= 300 && stream.status() < 400 && stream.header("location").isPresent()) {
                ProviderClient.discard(stream);
                target = target.resolve(stream.header("location").get());
                continue;
            }
            return answer(integration, target, stream);
        }
        throw ApiException.of(502, integration.label() + " redirected the download more than " + MAX_HOPS + " times")
                .withExtra("truto_is_remote_error", true);
    }

    /**
     * Where a file handle's bytes are, asked of the provider's API: for a provider whose lists
     * give a handle rather than a link, the integration declares a {@code download} endpoint
     * whose mapping takes {@code query.file_url} (the handle) and answers {@code {"url"}}.
     */
    private URI located(Operation resolve, IntegratedAccount account, String reference, RequestTrace trace) {
        var query = new LinkedHashMap<String, Object>();
        query.put("file_url", reference);
        Object url = pages.readOne(resolve, account, query, java.util.List.of(), trace).item()
                .map(answer -> answer.get("url")).orElse(null);
        if (!(url instanceof String text) || text.isBlank()) {
            throw ApiException.of(502, resolve.integration().label() + " gave no link for the file")
                    .withExtra("truto_is_remote_error", true);
        }
        return link(resolve.integration(), text);
    }

    private static URI link(IntegrationDefinition integration, String url) {
        try {
            URI uri = new URI(url);
            if (uri.getHost() == null || !("https".equalsIgnoreCase(uri.getScheme())
                    || "http".equalsIgnoreCase(uri.getScheme()))) {
                throw new java.net.URISyntaxException(url, "not an http(s) link");
            }
            return uri;
        } catch (java.net.URISyntaxException e) {
            throw ApiException.of(502, integration.label() + " gave a file link that is not an http(s) URL")
                    .withExtra("truto_is_remote_error", true);
        }
    }

    private RemoteStream open(IntegrationDefinition integration, IntegratedAccount account, URI target, boolean api,
            RequestTrace trace) {
        try {
            return caller.call(integration, account, current -> api
                    ? RequestBuilder.fetch(integration, current, target)
                    : new RemoteRequest("GET", target, Map.of(), Optional.empty()), trace);
        } catch (OutcomeUnknown unknown) {
            throw RemoteErrors.redacted(unknown.error(), integration, account);
        }
    }

    private UnifiedResult answer(IntegrationDefinition integration, URI target, RemoteStream stream) {
        if (stream.status() >= 400) {
            int status = stream.status();
            ProviderClient.discard(stream);
            throw ApiException.of(status >= 500 ? 502 : status, integration.label() + " refused the download ("
                    + status + ")").withExtra("truto_is_remote_error", true);
        }
        Optional<Long> length = stream.header("content-length").filter(text -> text.matches("\\d{1,19}"))
                .map(Long::parseLong);
        if (length.isPresent() && length.get() > maxFileBytes) {
            ProviderClient.discard(stream);
            throw ApiException.of(502, "the file is " + length.get() + " bytes, over the limit of " + maxFileBytes
                    + " bytes (SWITCHBOARD_MAX_FILE_BYTES)").withExtra("truto_is_remote_error", true);
        }
        var headers = new LinkedHashMap<String, String>();
        length.ifPresent(value -> headers.put("Content-Length", String.valueOf(value)));
        headers.put("Content-Disposition", stream.header("content-disposition")
                .orElse("attachment; filename=\"" + fileName(target) + "\""));
        return new UnifiedResult.StreamBody(200, headers,
                stream.header("content-type").orElse("application/octet-stream"),
                new CappedStream(stream.body(), maxFileBytes));
    }

    /** The link's last path segment, made safe for a quoted header value. */
    private static String fileName(URI target) {
        String path = Optional.ofNullable(target.getPath()).orElse("");
        String last = path.substring(path.lastIndexOf('/') + 1);
        String safe = last.replaceAll("[^A-Za-z0-9._-]", "_");
        return safe.isEmpty() ? "file" : safe;
    }

    /** Ends the answer early when a provider sends more than it said, or more than the limit without saying. */
    private static final class CappedStream extends java.io.FilterInputStream {
        private final long limit;
        private long passed;

        CappedStream(InputStream in, long limit) {
            super(in);
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int value = super.read();
            count(value < 0 ? 0 : 1);
            return value;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int read = super.read(buffer, offset, length);
            count(Math.max(read, 0));
            return read;
        }

        private void count(int bytes) throws IOException {
            passed += bytes;
            if (passed > limit) {
                throw new IOException("the file passed the limit of " + limit + " bytes");
            }
        }
    }
}
