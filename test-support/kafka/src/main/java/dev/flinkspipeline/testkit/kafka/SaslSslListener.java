package dev.flinkspipeline.testkit.kafka;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.SslConfigs;
import org.apache.kafka.common.security.auth.SecurityProtocol;

/**
 * The settings of a broker whose client listener is SASL_SSL with SCRAM-SHA-512 and whose authorizer denies what
 * no ACL allows, as a production cluster's; and of the clients that connect to it.
 *
 * <p>The services' principals are SCRAM users, whose credentials live in the cluster's metadata. The super user
 * {@link #ADMIN} (the broker's own inter-broker identity and the tests' administrator) authenticates with PLAIN
 * over the same TLS listener instead: its credential is in the broker's configuration, so it exists before there
 * is any metadata to write a SCRAM credential into. The controller listener stays PLAINTEXT on loopback, its
 * anonymous principal a super user: it is how the broker registers with its controller, and no client is given it.
 */
final class SaslSslListener {

    static final String MECHANISM = "SCRAM-SHA-512";
    private static final String ADMIN_MECHANISM = "PLAIN";
    static final String ADMIN = "admin";
    /** The test kit's name of the broker's client listener. */
    private static final String LISTENER = "external";

    private SaslSslListener() {}

    static Map<String, String> brokerProperties(TlsFiles tls, String adminPassword) {
        Map<String, String> p = new LinkedHashMap<>();
        // The test kit only knows PLAINTEXT listeners; its listener map is a default this one replaces.
        p.put("listener.security.protocol.map", LISTENER.toUpperCase(Locale.ROOT) + ":SASL_SSL,CONTROLLER:PLAINTEXT");
        p.put("sasl.enabled.mechanisms", MECHANISM + "," + ADMIN_MECHANISM);
        p.put("sasl.mechanism.inter.broker.protocol", ADMIN_MECHANISM);
        p.put("listener.name." + LISTENER + ".sasl.enabled.mechanisms", MECHANISM + "," + ADMIN_MECHANISM);
        p.put("listener.name." + LISTENER + ".scram-sha-512.sasl.jaas.config", jaas(ADMIN, adminPassword));
        p.put(
                "listener.name." + LISTENER + ".plain.sasl.jaas.config",
                "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"" + ADMIN
                        + "\" password=\"" + adminPassword + "\" user_" + ADMIN + "=\"" + adminPassword + "\";");
        p.put(
                "listener.name." + LISTENER + ".ssl.keystore.location",
                tls.keystore().toString());
        p.put("listener.name." + LISTENER + ".ssl.keystore.password", tls.password());
        p.put("listener.name." + LISTENER + ".ssl.key.password", tls.password());
        p.put("listener.name." + LISTENER + ".ssl.keystore.type", TlsFiles.TYPE);
        p.put(
                "listener.name." + LISTENER + ".ssl.truststore.location",
                tls.truststore().toString());
        p.put("listener.name." + LISTENER + ".ssl.truststore.password", tls.password());
        p.put("listener.name." + LISTENER + ".ssl.truststore.type", TlsFiles.TYPE);
        p.put("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
        p.put("allow.everyone.if.no.acl.found", "false");
        p.put("super.users", "User:" + ADMIN + ";User:ANONYMOUS");
        // Every client of the pipeline is told its topics: nothing is created by writing to a name.
        p.put("auto.create.topics.enable", "false");
        return p;
    }

    /** What a client authenticating as {@code user} needs, besides {@code bootstrap.servers}. */
    static Map<String, Object> clientProperties(TlsFiles tls, String user, String password) {
        Map<String, Object> p = new HashMap<>();
        p.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, SecurityProtocol.SASL_SSL.name);
        if (user.equals(ADMIN)) {
            p.put(SaslConfigs.SASL_MECHANISM, ADMIN_MECHANISM);
            p.put(
                    SaslConfigs.SASL_JAAS_CONFIG,
                    "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"" + ADMIN
                            + "\" password=\"" + password + "\";");
        } else {
            p.put(SaslConfigs.SASL_MECHANISM, MECHANISM);
            p.put(SaslConfigs.SASL_JAAS_CONFIG, jaas(user, password));
        }
        p.put(SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG, tls.truststore().toString());
        p.put(SslConfigs.SSL_TRUSTSTORE_PASSWORD_CONFIG, tls.password());
        p.put(SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG, TlsFiles.TYPE);
        return p;
    }

    static String jaas(String user, String password) {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user + "\" password=\""
                + password + "\";";
    }
}
