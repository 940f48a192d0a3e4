package io.tongban.deploy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tongban.catalogue.Department;
import io.tongban.catalogue.DepartmentRegistry;
import io.tongban.catalogue.DepartmentRegistryLoader;
import io.tongban.contracts.evidence.EvidenceHeaders;
import io.tongban.contracts.evidence.EvidenceKeys;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;

/**
 * The local runtime's identity material, generated on this machine and never committed:
 * <pre>
 *   LocalKeys init  --dir $TONGBAN_HOME/keys
 *       jwt-private.pem (PKCS#8, RSA 2048, mode 600), jwt-public.pem (X.509 SubjectPublicKeyInfo) and
 *       department-secrets.properties (name=secret, one per registered department under its registry entry's
 *       callbackSecret name); what exists is kept, a department missing from the secrets file is added;
 *       evidence/ (Ed25519 keys of the signed hand-offs: platform.key/.pub and, per registered department,
 *       &lt;evidenceKey&gt;.key/.pub, see {@link EvidenceKeys}); missing pairs are added, existing ones kept.
 *       The departments are those of the department registry (matter-catalogue {@code departments.yaml}),
 *       not only those some matter names today, so a department registered ahead of its first matter is ready.
 *   LocalKeys token --dir $TONGBAN_HOME/keys --subject ID [--role applicant|clerk|ops] [--department D]
 *                   [--issuer tongban-local] [--ttl-seconds 86400]
 *       prints an RS256 JWT: iss, sub, upn, groups=[role], department (clerks), iat, exp, jti.
 * </pre>
 * Plain JDK signing: no JWT library is needed to issue a token.
 */
public final class LocalKeys {
    static final String PRIVATE_KEY = "jwt-private.pem";
    static final String PUBLIC_KEY = "jwt-public.pem";
    static final String DEPARTMENT_SECRETS = "department-secrets.properties";
    static final String EVIDENCE_KEYS = "evidence";
    private static final Set<String> ROLES = Set.of("applicant", "clerk", "ops");
    private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();

    private LocalKeys() {
    }

    public static void main(String[] args) {
        if (args.length == 0) {
            System.err.println("LocalKeys init|token --dir DIR ...");
            System.exit(2);
        }
        try {
            Map<String, String> opts = Args.parse(java.util.Arrays.copyOfRange(args, 1, args.length));
            Path dir = Path.of(Args.required(opts, "--dir"));
            switch (args[0]) {
                case "init" -> init(dir);
                case "token" -> {
                    String role = opts.getOrDefault("--role", "applicant");
                    if (!ROLES.contains(role)) {
                        throw new IllegalArgumentException("role must be one of " + ROLES + ", not " + role);
                    }
                    String department = opts.get("--department");
                    if (role.equals("clerk") && (department == null || department.isBlank())) {
                        throw new IllegalArgumentException("a clerk needs a department");
                    }
                    System.out.println(token(dir, Args.required(opts, "--subject"), role, department,
                            opts.getOrDefault("--issuer", "tongban-local"),
                            Args.intOption(opts, "--ttl-seconds", 86_400)));
                }
                default -> throw new IllegalArgumentException("unknown command " + args[0]);
            }
        } catch (IllegalArgumentException e) {
            System.err.println("LocalKeys: " + e.getMessage());
            System.exit(2);
        } catch (IOException | GeneralSecurityException e) {
            System.err.println("LocalKeys: " + e);
            System.exit(1);
        }
    }

    static void init(Path dir) throws IOException, GeneralSecurityException {
        init(dir, DepartmentRegistryLoader.loadBuiltIn());
    }

    static void init(Path dir, DepartmentRegistry registry) throws IOException, GeneralSecurityException {
        Files.createDirectories(dir);
        trySetMode(dir, "rwx------");
        Path privateKey = dir.resolve(PRIVATE_KEY);
        Path publicKey = dir.resolve(PUBLIC_KEY);
        if (!Files.exists(privateKey) || !Files.exists(publicKey)) {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            writeSecret(privateKey, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
            Files.writeString(publicKey, pem("PUBLIC KEY", pair.getPublic().getEncoded()));
            System.out.println("generated " + privateKey + " and " + publicKey);
        }
        Path secretsFile = dir.resolve(DEPARTMENT_SECRETS);
        Properties secrets = new Properties();
        if (Files.exists(secretsFile)) {
            try (var in = Files.newBufferedReader(secretsFile, StandardCharsets.UTF_8)) {
                secrets.load(in);
            }
        }
        List<String> missing = registry.all().stream().map(Department::callbackSecret)
                .filter(d -> !secrets.containsKey(d)).distinct().sorted().toList();
        if (!missing.isEmpty()) {
            SecureRandom random = new SecureRandom();
            StringBuilder lines = new StringBuilder();
            if (!Files.exists(secretsFile)) {
                lines.append("# HMAC secrets of the department callbacks: <department>=<secret>. Generated locally.\n");
            }
            for (String department : missing) {
                byte[] secret = new byte[32];
                random.nextBytes(secret);
                lines.append(department).append('=').append(URL.encodeToString(secret)).append('\n');
            }
            if (!Files.exists(secretsFile)) {
                writeSecret(secretsFile, lines.toString());
            } else {
                Files.writeString(secretsFile, lines.toString(), StandardOpenOption.APPEND);
            }
            System.out.println("department secrets for " + String.join(", ", missing) + " in " + secretsFile);
        }
        List<String> signers = new java.util.ArrayList<>();
        signers.add(EvidenceHeaders.PLATFORM);
        signers.addAll(registry.all().stream().map(Department::evidenceKey).distinct().sorted().toList());
        EvidenceKeys evidence = new EvidenceKeys(dir.resolve(EVIDENCE_KEYS));
        List<String> generated = evidence.generateMissing(signers);
        trySetMode(evidence.folder(), "rwx------");
        if (!generated.isEmpty()) {
            System.out.println("evidence keys (Ed25519) for " + String.join(", ", generated) + " in " + evidence.folder());
        }
    }

    static String token(Path dir, String subject, String role, String department, String issuer, int ttlSeconds)
            throws IOException, GeneralSecurityException {
        PrivateKey key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(
                unpem(Files.readString(dir.resolve(PRIVATE_KEY)))));
        long now = Instant.now().getEpochSecond();
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", issuer);
        claims.put("sub", subject);
        claims.put("upn", subject);
        claims.put("groups", List.of(role));
        if (department != null && !department.isBlank()) {
            claims.put("department", department);
        }
        claims.put("iat", now);
        claims.put("exp", now + ttlSeconds);
        claims.put("jti", UUID.randomUUID().toString());
        ObjectMapper json = new ObjectMapper();
        String signingInput = URL.encodeToString(json.writeValueAsBytes(Map.of("alg", "RS256", "typ", "JWT")))
                + "." + URL.encodeToString(json.writeValueAsBytes(claims));
        Signature rsa = Signature.getInstance("SHA256withRSA");
        rsa.initSign(key);
        rsa.update(signingInput.getBytes(StandardCharsets.US_ASCII));
        return signingInput + "." + URL.encodeToString(rsa.sign());
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static byte[] unpem(String pem) {
        return Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
    }

    /** Created with owner-only permissions before anything secret is in it. */
    static void writeSecret(Path file, String content) throws IOException {
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(file);
        } catch (FileAlreadyExistsException e) {
            trySetMode(file, "rw-------");
        }
        Files.writeString(file, content, StandardOpenOption.TRUNCATE_EXISTING);
    }

    static void trySetMode(Path path, String mode) {
        try {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(mode));
        } catch (UnsupportedOperationException | IOException e) {
            // not a POSIX file system: the folder's own protection applies
        }
    }
}
