package dev.switchboard.observability;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.encoder.EncoderBase;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** Logback's side of {@link LogLine}: application lines in the same shape as access lines. */
public final class LogEncoder extends EncoderBase<ILoggingEvent> {

    private static final byte[] NOTHING = new byte[0];

    @Override
    public byte[] headerBytes() {
        return NOTHING;
    }

    @Override
    public byte[] encode(ILoggingEvent event) {
        Map<String, String> mdc = event.getMDCPropertyMap();
        var fields = new LinkedHashMap<String, Object>();
        mdc.forEach((key, value) -> {
            if (!key.equals(RequestIds.MDC_KEY)) {
                fields.put(key, value);
            }
        });
        String error = event.getThrowableProxy() == null ? null : ThrowableProxyUtil.asString(event.getThrowableProxy());
        var line = new LogLine(event.getInstant(), event.getLevel().toString(), event.getLoggerName(),
                mdc.get(RequestIds.MDC_KEY), event.getFormattedMessage(), fields, Set.of(), error);
        return (line.render() + System.lineSeparator()).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public byte[] footerBytes() {
        return NOTHING;
    }
}
