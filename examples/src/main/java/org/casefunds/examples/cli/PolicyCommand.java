package org.casefunds.examples.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.casefunds.ledger.rules.Policy;
import org.casefunds.ledger.sql.config.ConfigFiles;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** {@code casefunds policy}: prints a policy as JSON, a template for a court's own file. */
@CommandLine.Command(name = "policy", mixinStandardHelpOptions = true, footer = ExitCodes.HELP,
        description = {"Prints the policy in effect (a preset, or a policy file checked and completed) as JSON:"
            + " every deadline, approval tier and threshold. Save it, edit it, pass it with --policy."})
final class PolicyCommand implements Callable<Integer> {
    @Option(names = "--preset", paramLabel = "NAME", defaultValue = Policy.DEFAULT_NAME,
            description = "'" + Policy.DEFAULT_NAME + "' (default) or '" + Policy.SPC_2017_NAME + "'.")
    String preset;

    @Option(names = "--policy", paramLabel = "FILE", description = "A policy file to check and print complete.")
    Path file;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        Policy policy = file != null ? ConfigFiles.readPolicy(file) : Policy.preset(preset);
        spec.commandLine().getOut().println(ConfigFiles.writePolicy(policy));
        return ExitCodes.OK;
    }
}
