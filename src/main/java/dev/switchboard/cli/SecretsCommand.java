package dev.switchboard.cli;

import dev.switchboard.Server;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code switchboard secrets reseal}: the last step of a key rotation. */
@Command(name = "secrets", mixinStandardHelpOptions = true, description = "Manage the encryption of stored credentials.",
        subcommands = SecretsCommand.Reseal.class)
public final class SecretsCommand {

    @Command(name = "reseal", mixinStandardHelpOptions = true, description = {
            "Re-encrypt every account's credentials, and every answer kept for an Idempotency-Key,",
            "with the first key of SWITCHBOARD_SECRET_KEY.",
            "Rotate by putting the new key first (new,old), running this, then dropping the old key."})
    static final class Reseal implements Callable<Integer> {
        @Override
        public Integer call() {
            try (var stores = Server.Stores.fromEnvironment()) {
                int count = stores.accounts().reseal();
                System.out.println("re-encrypted " + count + " account(s) with the current key");
                int answers = stores.keys().reseal();
                System.out.println("re-encrypted " + answers + " kept answer(s) with the current key");
                return 0;
            }
        }
    }
}
