// A real Neo4j 5.26 (community) started in-process by the Neo4j test harness, for kg's tests
// and benchmarks. Prints one line "kg-neo4j-harness: ready <bolt URI>" on stdout once Bolt
// accepts connections, then serves until it is killed (or, with --exit-on-stdin-eof, until its
// standard input closes: the test fixture relies on that so that no server outlives pytest).
//
//   bash docker/neo4j-harness/prepare.sh            # once: fetch the jars into deps/
//   java --add-opens java.base/java.nio=ALL-UNNAMED --add-opens java.base/sun.nio.ch=ALL-UNNAMED \
//        --add-opens java.base/java.io=ALL-UNNAMED -cp 'docker/neo4j-harness/deps/*' \
//        docker/neo4j-harness/Launcher.java [--dir DIR] [--port N] [--password PW] [--exit-on-stdin-eof]
//
// --dir   working directory of the server (default: a new temporary directory)
// --port  Bolt port on 127.0.0.1 (default 0: any free port; the ready line tells which)
// --password PW  enable authentication; user "neo4j" gets password PW (at least 8 characters).
//         Without it authentication is disabled. Failed logins never lock the user out here.
// --tls DIR  also accept TLS on the same Bolt port (bolt+s://, neo4j+s://, +ssc); plain bolt://
//         keeps working. DIR holds private.key (PKCS#8 PEM) and public.crt (PEM); when they are
//         missing, a self-signed certificate for localhost and 127.0.0.1 is made there (clients
//         that verify it, bolt+s:// and neo4j+s://, trust DIR/public.crt, e.g. via SSL_CERT_FILE).
//
// Only the Bolt connector listens (on 127.0.0.1); HTTP and Neo4j Browser are off: use
// docker/docker-compose.yml for a Neo4j with Browser.

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Date;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.configuration.ssl.ClientAuth;
import org.neo4j.configuration.ssl.SslPolicyConfig;
import org.neo4j.configuration.ssl.SslPolicyScope;
import org.neo4j.harness.Neo4j;
import org.neo4j.harness.Neo4jBuilder;
import org.neo4j.harness.Neo4jBuilders;

public class Launcher {
    public static void main(String[] args) throws Exception {
        Path dir = null;
        int port = 0;
        String password = null;
        boolean exitOnStdinEof = false;
        Path tls = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--dir" -> dir = Path.of(args[++i]);
                case "--port" -> port = Integer.parseInt(args[++i]);
                case "--password" -> password = args[++i];
                case "--exit-on-stdin-eof" -> exitOnStdinEof = true;
                case "--tls" -> tls = Path.of(args[++i]).toAbsolutePath();
                default -> {
                    System.err.println("kg-neo4j-harness: unknown argument " + args[i]);
                    System.exit(2);
                }
            }
        }
        if (dir == null) {
            dir = Files.createTempDirectory("kg-neo4j-harness-");
        }
        Files.createDirectories(dir);

        Neo4jBuilder builder = Neo4jBuilders.newInProcessBuilder(dir)
                .withDisabledServer()
                .withConfig(BoltConnector.enabled, true)
                .withConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
                .withConfig(BoltConnector.advertised_address, new SocketAddress("127.0.0.1", port))
                .withConfig(GraphDatabaseSettings.auth_enabled, password != null)
                .withConfig(GraphDatabaseSettings.auth_max_failed_attempts, 0)
                .withConfig(GraphDatabaseSettings.pagecache_memory, 512L * 1024 * 1024);
        if (tls != null) {
            makeCertificateIfMissing(tls);
            SslPolicyConfig bolt = SslPolicyConfig.forScope(SslPolicyScope.BOLT);
            builder = builder
                    .withConfig(bolt.enabled, true)
                    .withConfig(bolt.base_directory, tls)
                    .withConfig(bolt.private_key, tls.resolve("private.key"))
                    .withConfig(bolt.public_certificate, tls.resolve("public.crt"))
                    .withConfig(bolt.client_auth, ClientAuth.NONE)
                    .withConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.OPTIONAL);
        }
        Neo4j neo4j = builder.build();
        if (password != null) {
            neo4j.databaseManagementService().database("system").executeTransactionally(
                    "ALTER USER neo4j SET PASSWORD $pw CHANGE NOT REQUIRED", Map.of("pw", password));
        }

        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                neo4j.close();
            } finally {
                stop.countDown();
            }
        }));
        System.out.println("kg-neo4j-harness: ready " + neo4j.boltURI());
        System.out.flush();

        if (exitOnStdinEof) {
            InputStream in = System.in;
            try {
                while (in.read() != -1) {
                    // ignore input; only its end matters
                }
            } catch (IOException ignored) {
                // a broken pipe is an end too
            }
            System.exit(0);  // runs the shutdown hook
        }
        stop.await();
    }

    /** A self-signed RSA certificate (CA:true, so that it can be its own trust anchor) for localhost. */
    static void makeCertificateIfMissing(Path dir) throws Exception {
        Path key = dir.resolve("private.key");
        Path crt = dir.resolve("public.crt");
        if (Files.exists(key) && Files.exists(crt)) {
            return;
        }
        Files.createDirectories(dir);
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();
        X500Name name = new X500Name("CN=localhost");
        long now = System.currentTimeMillis();
        JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                name, BigInteger.valueOf(now), new Date(now - 86_400_000L), new Date(now + 30L * 86_400_000L),
                name, pair.getPublic());
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
        builder.addExtension(Extension.keyUsage, true,
                new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment | KeyUsage.keyCertSign));
        builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
        builder.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(pair.getPublic()));
        builder.addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(pair.getPublic()));
        builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
            new GeneralName(GeneralName.dNSName, "localhost"),
            new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
        }));
        ContentSigner signer = new JcaContentSignerBuilder("SHA256withRSA").build(pair.getPrivate());
        X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(builder.build(signer));
        Files.writeString(key, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
        Files.writeString(crt, pem("CERTIFICATE", certificate.getEncoded()));
    }

    static String pem(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }
}
