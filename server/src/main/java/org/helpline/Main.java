package org.helpline;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.helpline.config.ConfigException;
import org.helpline.config.ConfigLoader;
import org.helpline.config.HelplineConfig;
import org.helpline.node.HelplineNode;
import org.helpline.store.EmbeddedRedis;
import org.helpline.store.EmbeddedRedis.DataDirectoryInUse;
import org.helpline.store.FailureLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts one helpline node: reads the configuration, starts the embedded redis-server when no {@code REDIS_URL} is
 * configured, deploys the node and says where it is. {@code hash-password} prints a password hash for
 * counsellors.yaml instead; any other argument is refused (exit 2), as is an embedded Redis data directory another
 * running server holds.
 */
public final class Main {
    private static final Logger LOG = LoggerFactory.getLogger(Main.class);

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 1 && "hash-password".equals(args[0])) {
            PasswordHashCommand.run(ConfigLoader.directory(System.getenv()));
            return;
        }
        if (args.length > 0) { // a mistyped command must not start a server
            LOG.error("Unknown arguments, not starting. Usage: java -jar helpline-server.jar [hash-password]");
            System.exit(2);
            return;
        }
        Map<String, String> environment = System.getenv();
        HelplineConfig config;
        try {
            config = ConfigLoader.load(ConfigLoader.directory(environment), environment);
        } catch (ConfigException e) {
            LOG.error("Configuration error, not starting: {}", e.getMessage());
            System.exit(2);
            return;
        }
        EmbeddedRedis embedded = null;
        String redisUrl;
        if (config.redis().embedded()) {
            try {
                embedded = EmbeddedRedis.start(config.redis().embeddedDataDirectory());
            } catch (DataDirectoryInUse e) {
                LOG.error("Not starting: {}", e.getMessage());
                System.exit(2);
                return;
            } catch (IllegalStateException e) {
                LOG.error("Could not start: {}", e.getMessage());
                System.exit(1);
                return;
            }
            redisUrl = embedded.url();
            LOG.info("Started the embedded redis-server on 127.0.0.1:{} ({}; append-only data in {})", embedded.port(),
                    embedded.inOwnSession() ? "in a session of its own" : "in this server's session: no setsid here",
                    config.redis().embeddedDataDirectory().toAbsolutePath());
        } else {
            redisUrl = config.redis().url().orElseThrow();
            LOG.info("Using the Redis named by REDIS_URL / server.yaml");
        }
        HelplineNode node;
        try {
            node = HelplineNode.start(config, redisUrl).await(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.error("Could not start: {}", e.getMessage(), FailureLog.withheld(e));
            if (embedded != null) {
                embedded.close();
            }
            System.exit(1);
            return;
        }
        Runnable closeNode = () -> {
            try {
                node.close().await(Duration.ofSeconds(10).toMillis(), TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                LOG.warn("Shutdown did not finish cleanly: {}", e.getClass().getSimpleName());
            }
        };
        if (embedded != null) {
            embedded.atExit(closeNode); // the node's departures are written before its Redis stops
        } else {
            Runtime.getRuntime().addShutdownHook(new Thread(closeNode, "helpline-shutdown"));
        }
        String base = "http://localhost:" + node.httpPort();
        LOG.info("Helpline is up. Visitor page: {}/  Counsellor console: {}/console/  Supervisor: {}/supervisor/",
                base, base, base);
        LOG.info("Health: {}/health  Ready: {}/ready  Metrics: {}/metrics", base, base, base);
        if (config.hasDemoAccounts()) {
            LOG.warn("DEMO accounts are enabled (the embedded default, or HELPLINE_DEMO_ACCOUNTS=on): see README.md, "
                    + "section 'Demo accounts'. Never on a real deployment.");
        }
    }
}
