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
                int accounts = stores.accounts().reseal();
                int answers = stores.keys().reseal();
                System.out.println(summary(accounts, answers));
                return 0;
            }
        }

        /** One sentence: "re-encrypted 2 accounts and 1 kept answer with the current key". */
        static String summary(int accounts, int answers) {
            return "re-encrypted " + counted(accounts, "account") + " and " + counted(answers, "kept answer")
                    + " with the current key";
        }

        private static String counted(int count, String noun) {
            return count + " " + noun + (count == 1 ? "" : "s");
        }
    }
}
