package dev.switchboard.writes;

/**
 * A search for the item of a write whose outcome is unknown that reached no verdict: a read
 * failed, the pages ran out before the list did, or more than one item could be the one. It
 * must never be read as "not there": a retry that took it so would write a second item.
 */
final class SearchUnfinished extends RuntimeException {

    SearchUnfinished(String reason) {
        super(reason, null, false, false);
    }
}
