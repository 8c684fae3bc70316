package dev.switchboard.observability;

/**
 * What one request did, gathered as it runs and written as its log line at the end. It
 * belongs to the request's thread; it never holds a credential or a body.
 */
public final class RequestTrace {

    private final String requestId;
    private String integration = "none";
    private String resource = "none";
    private String method = "none";
    private int providerStatus;
    private long providerMillis;
    private int providerCalls;
    private String providerError;

    public RequestTrace(String requestId) {
        this.requestId = requestId;
    }

    public void operation(String integrationName, String resourceName, String methodName) {
        this.integration = integrationName;
        this.resource = resourceName;
        this.method = methodName;
    }

    /** The last provider call failed on the network: {@code dns}, {@code refused}, {@code tls}, {@code timeout}… */
    public synchronized void providerFailure(String networkError) {
        this.providerError = networkError;
    }

    public synchronized String providerError() {
        return providerError;
    }

    public void providerCall(int status, long millis) {
        providerStatus = status;
        providerMillis += millis;
        providerCalls++;
    }

    public String requestId() {
        return requestId;
    }

    public String integration() {
        return integration;
    }

    public String resource() {
        return resource;
    }

    public String method() {
        return method;
    }

    public int providerStatus() {
        return providerStatus;
    }

    public long providerMillis() {
        return providerMillis;
    }

    public int providerCalls() {
        return providerCalls;
    }
}
