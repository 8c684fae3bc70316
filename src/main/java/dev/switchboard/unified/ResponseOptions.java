package dev.switchboard.unified;

import java.util.List;

/**
 * How to shape the answer.
 *
 * @param format           the response format
 * @param ignoreRemoteData drop {@code remote_data} from a unified answer
 * @param excludeFields    top-level fields to drop from a unified or normalized answer
 */
public record ResponseOptions(ResponseFormat format, boolean ignoreRemoteData, List<String> excludeFields) {

    public ResponseOptions {
        excludeFields = List.copyOf(excludeFields);
    }

    public static ResponseOptions defaults() {
        return new ResponseOptions(ResponseFormat.UNIFIED, false, List.of());
    }
}
