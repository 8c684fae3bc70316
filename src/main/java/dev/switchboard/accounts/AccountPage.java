package dev.switchboard.accounts;

import java.util.List;
import java.util.Optional;

/**
 * One page of a listing, oldest first, and where the next one starts (empty on the last).
 *
 * @param accounts up to the limit asked for
 * @param next     the last account of this page, when more follow
 */
public record AccountPage(List<IntegratedAccount> accounts, Optional<PagePosition> next) {

    public AccountPage {
        accounts = List.copyOf(accounts);
    }
}
