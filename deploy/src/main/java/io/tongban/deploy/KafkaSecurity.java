package io.tongban.deploy;

import io.tongban.catalogue.DepartmentRegistryLoader;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialAlteration;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.config.SaslConfigs;

/**
 * The broker's SASL/SCRAM users and ACLs ({@code TONGBAN_KAFKA_SECURITY=scram}; who may do what is
 * {@link KafkaAccess}):
 * <pre>
 *   KafkaSecurity init --dir $TONGBAN_HOME/keys
 *       kafka-users.properties: user=password for admin, every service and every department of the built-in
 *       catalogue (dept-&lt;id&gt;); what exists is kept, missing users are added. kafka-admin.properties: the
 *       admin's client settings (for TopicSetup and the Kafka CLI tools' --command-config). Both mode 600.
 *   KafkaSecurity broker-config --dir $TONGBAN_HOME/keys --port 9092 --controller-port 9093 [--host 127.0.0.1]
 *       prints the listener, SASL and authorizer lines of server.properties (they hold the admin's password)
 *   KafkaSecurity format --dir $TONGBAN_HOME/keys --config server.properties --cluster-id ID
 *       kafka-storage format --standalone with the admin's SCRAM credential, in this JVM (the password never
 *       appears on a command line)
 *   KafkaSecurity apply --dir $TONGBAN_HOME/keys --bootstrap HOST:PORT
 *       adds missing users' passwords (as init does), then, as admin: upserts every user's SCRAM-SHA-512 credential, creates the missing ACLs and deletes ACLs of
 *       these users that are no longer wanted; returns once the broker enforces them
 * </pre>
 * Clients: the listener is SASL_PLAINTEXT with SCRAM-SHA-512 (no TLS: the local runtime binds to 127.0.0.1).
 * The controller listener uses SASL/PLAIN with the admin as its only user, since SCRAM credentials live in the
 * metadata log the controller serves and cannot authenticate the connections that bring it up.
 */
public final class KafkaSecurity {
    static final String USERS_FILE = "kafka-users.properties";
    static final String ADMIN_CLIENT_FILE = "kafka-admin.properties";
    static final String MECHANISM = "SCRAM-SHA-512";
    static final String CLIENT_LISTENER = "SASL_PLAINTEXT";
    static final String CONTROLLER_LISTENER = "CONTROLLER";
    private static final int ITERATIONS = 8192;
    private static final long WAIT_SECONDS = 30;

    private KafkaSecurity() {
    }

    public static void main(String[] args) {
        if (args.length == 0) {
            System.err.println("KafkaSecurity init|broker-config|format|apply ...");
            System.exit(2);
        }
        try {
            Map<String, String> opts = Args.parse(Arrays.copyOfRange(args, 1, args.length));
            switch (args[0]) {
                case "init" -> init(Path.of(Args.required(opts, "--dir")), departments());
                case "broker-config" -> {
                    String admin = adminPassword(readUsers(usersFile(opts)));
                    brokerConfig(opts.getOrDefault("--host", "127.0.0.1"), Args.intOption(opts, "--port", 9092),
                            Args.intOption(opts, "--controller-port", 9093), admin)
                            .forEach((k, v) -> System.out.println(k + "=" + v));
                }
                case "format" -> {
                    String admin = adminPassword(readUsers(usersFile(opts)));
                    int code = format(Path.of(Args.required(opts, "--config")), Args.required(opts, "--cluster-id"),
                            admin, System.out);
                    System.exit(code);
                }
                case "apply" -> {
                    // a department added to the catalogue since the last start gets its password here
                    init(Path.of(Args.required(opts, "--dir")), departments());
                    Map<String, String> users = readUsers(usersFile(opts));
                    try (Admin admin = Admin.create(adminClient(Args.required(opts, "--bootstrap"), users))) {
                        apply(admin, users, departments(), System.out);
                    }
                }
                default -> throw new IllegalArgumentException("unknown command " + args[0]);
            }
            System.exit(0);
        } catch (IllegalArgumentException | IllegalStateException e) {
            System.err.println("KafkaSecurity: " + e.getMessage());
            System.exit(2);
        } catch (IOException | ExecutionException | TimeoutException e) {
            System.err.println("✗ KafkaSecurity " + args[0] + " failed: " + e);
            System.exit(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            System.exit(1);
        }
    }

    private static Path usersFile(Map<String, String> opts) {
        return Path.of(Args.required(opts, "--dir")).resolve(USERS_FILE);
    }

    static List<String> departments() {
        return DepartmentRegistryLoader.loadBuiltIn().ids();
    }

    // ---- passwords -----------------------------------------------------------------------------------------

    /** Generates the missing users' passwords and (re)writes the admin's client settings. */
    static void init(Path dir, Collection<String> departments) throws IOException {
        Files.createDirectories(dir);
        LocalKeys.trySetMode(dir, "rwx------");
        Path usersFile = dir.resolve(USERS_FILE);
        Map<String, String> users = Files.exists(usersFile) ? readUsers(usersFile) : new LinkedHashMap<>();
        List<String> missing = KafkaAccess.users(departments).stream().filter(u -> !users.containsKey(u)).toList();
        if (!missing.isEmpty()) {
            SecureRandom random = new SecureRandom();
            StringBuilder lines = new StringBuilder();
            if (!Files.exists(usersFile)) {
                lines.append("# Kafka SASL/SCRAM users of the local broker: <user>=<password>. Generated locally.\n");
            }
            for (String user : missing) {
                byte[] secret = new byte[24];
                random.nextBytes(secret);
                String password = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
                users.put(user, password);
                lines.append(user).append('=').append(password).append('\n');
            }
            if (Files.exists(usersFile)) {
                Files.writeString(usersFile, lines.toString(), StandardOpenOption.APPEND);
            } else {
                LocalKeys.writeSecret(usersFile, lines.toString());
            }
            System.out.println("Kafka users " + String.join(", ", missing) + " in " + usersFile);
        }
        StringBuilder admin = new StringBuilder("# the admin's client settings (generated from " + USERS_FILE + ")\n");
        clientConfig(users.get(KafkaAccess.ADMIN), KafkaAccess.ADMIN).forEach((k, v) ->
                admin.append(k).append('=').append(v).append('\n'));
        LocalKeys.writeSecret(dir.resolve(ADMIN_CLIENT_FILE), admin.toString());
    }

    static Map<String, String> readUsers(Path file) throws IOException {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        }
        Map<String, String> users = new LinkedHashMap<>();
        p.stringPropertyNames().stream().sorted().forEach(u -> users.put(u, p.getProperty(u)));
        return users;
    }

    private static String adminPassword(Map<String, String> users) {
        String password = users.get(KafkaAccess.ADMIN);
        if (password == null || password.isBlank()) {
            throw new IllegalStateException("no password for " + KafkaAccess.ADMIN + " in " + USERS_FILE);
        }
        return password;
    }

    // ---- client and broker settings ------------------------------------------------------------------------

    /** What a client needs besides bootstrap.servers to connect as {@code user}. */
    static Map<String, String> clientConfig(String password, String user) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, CLIENT_LISTENER);
        config.put(SaslConfigs.SASL_MECHANISM, MECHANISM);
        config.put(SaslConfigs.SASL_JAAS_CONFIG, jaas("org.apache.kafka.common.security.scram.ScramLoginModule",
                user, password, ""));
        return config;
    }

    /**
     * The listener, SASL and authorizer lines of a single combined node's server.properties: clients on
     * SASL_PLAINTEXT with SCRAM-SHA-512, the controller listener on SASL/PLAIN with the admin alone.
     */
    static Map<String, String> brokerConfig(String host, int port, int controllerPort, String adminPassword) {
        String client = CLIENT_LISTENER + "://" + host + ":" + port;
        String controller = CONTROLLER_LISTENER + "://" + host + ":" + controllerPort;
        String prefix = "listener.name." + CLIENT_LISTENER.toLowerCase() + ".";
        Map<String, String> config = new LinkedHashMap<>();
        config.put("listeners", client + "," + controller);
        config.put("advertised.listeners", client + "," + controller);
        config.put("listener.security.protocol.map", CLIENT_LISTENER + ":SASL_PLAINTEXT," + CONTROLLER_LISTENER + ":SASL_PLAINTEXT");
        config.put("inter.broker.listener.name", CLIENT_LISTENER);
        config.put("sasl.mechanism.inter.broker.protocol", MECHANISM);
        config.put(prefix + "sasl.enabled.mechanisms", MECHANISM);
        config.put(prefix + MECHANISM.toLowerCase() + ".sasl.jaas.config",
                jaas("org.apache.kafka.common.security.scram.ScramLoginModule", KafkaAccess.ADMIN, adminPassword, ""));
        config.put("sasl.mechanism.controller.protocol", "PLAIN");
        config.put("listener.name.controller.sasl.enabled.mechanisms", "PLAIN");
        config.put("listener.name.controller.plain.sasl.jaas.config",
                jaas("org.apache.kafka.common.security.plain.PlainLoginModule", KafkaAccess.ADMIN, adminPassword,
                        " user_" + KafkaAccess.ADMIN + "=\"" + adminPassword + "\""));
        config.put("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
        config.put("super.users", "User:" + KafkaAccess.ADMIN);
        config.put("allow.everyone.if.no.acl.found", "false");
        return config;
    }

    private static String jaas(String module, String user, String password, String extra) {
        return module + " required username=\"" + user + "\" password=\"" + password + "\"" + extra + ";";
    }

    static Properties adminClient(String bootstrap, Map<String, String> users) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, "tongban-kafka-security");
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, String.valueOf(WAIT_SECONDS * 1000));
        props.putAll(clientConfig(adminPassword(users), KafkaAccess.ADMIN));
        return props;
    }

    // ---- storage ---------------------------------------------------------------------------------------------

    /** {@code kafka-storage format --standalone} with the admin's SCRAM credential in the bootstrap metadata. */
    static int format(Path serverProperties, String clusterId, String adminPassword, PrintStream out) {
        return kafka.tools.StorageTool.execute(new String[] {"format", "--standalone", "-t", clusterId,
            "-c", serverProperties.toString(),
            "--add-scram", MECHANISM + "=[name=" + KafkaAccess.ADMIN + ",password=" + adminPassword + "]"}, out);
    }

    // ---- users and ACLs --------------------------------------------------------------------------------------

    /** Users first (a client may connect as soon as its ACLs exist), then ACLs; waits until the broker has both. */
    static void apply(Admin admin, Map<String, String> passwords, Collection<String> departments, PrintStream out)
            throws ExecutionException, InterruptedException, TimeoutException {
        List<String> users = KafkaAccess.users(departments).stream().filter(u -> !u.equals(KafkaAccess.ADMIN)).toList();
        List<UserScramCredentialAlteration> upserts = new ArrayList<>();
        for (String user : users) {
            String password = passwords.get(user);
            if (password == null || password.isBlank()) {
                throw new IllegalStateException("no password for " + user + " in " + USERS_FILE + " (run init)");
            }
            upserts.add(new UserScramCredentialUpsertion(user,
                    new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, ITERATIONS), password));
        }
        admin.alterUserScramCredentials(upserts).all().get(WAIT_SECONDS, TimeUnit.SECONDS);

        Set<String> principals = new HashSet<>();
        users.forEach(u -> principals.add("User:" + u));
        Set<AclBinding> wanted = new LinkedHashSet<>(KafkaAccess.bindings(departments));
        Collection<AclBinding> existing = admin.describeAcls(AclBindingFilter.ANY).values()
                .get(WAIT_SECONDS, TimeUnit.SECONDS);
        List<AclBindingFilter> stale = existing.stream()
                .filter(b -> principals.contains(b.entry().principal()) && !wanted.contains(b))
                .map(AclBinding::toFilter).toList();
        if (!stale.isEmpty()) {
            admin.deleteAcls(stale).all().get(WAIT_SECONDS, TimeUnit.SECONDS);
        }
        List<AclBinding> missing = wanted.stream().filter(b -> !existing.contains(b)).toList();
        if (!missing.isEmpty()) {
            admin.createAcls(missing).all().get(WAIT_SECONDS, TimeUnit.SECONDS);
        }
        awaitEnforced(admin, users, wanted);
        out.printf("Kafka users: %d (SCRAM-SHA-512); ACLs: %d wanted, %d created, %d removed%n",
                users.size(), wanted.size(), missing.size(), stale.size());
    }

    /** The broker answers both describes from the metadata it enforces: once they show everything, it holds. */
    private static void awaitEnforced(Admin admin, List<String> users, Set<AclBinding> wanted)
            throws ExecutionException, InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (true) {
            Set<String> known = admin.describeUserScramCredentials().all().get(WAIT_SECONDS, TimeUnit.SECONDS).keySet();
            Collection<AclBinding> acls = admin.describeAcls(AclBindingFilter.ANY).values()
                    .get(WAIT_SECONDS, TimeUnit.SECONDS);
            if (known.containsAll(users) && acls.containsAll(wanted)) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("the broker does not show the users and ACLs after " + WAIT_SECONDS + " s");
            }
            Thread.sleep(100);
        }
    }
}
