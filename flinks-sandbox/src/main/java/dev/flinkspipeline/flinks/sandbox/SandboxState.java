package dev.flinkspipeline.flinks.sandbox;

import dev.flinkspipeline.flinks.sandbox.admin.Faults;
import dev.flinkspipeline.flinks.sandbox.admin.Stats;
import dev.flinkspipeline.flinks.sandbox.api.AccountsDetailCache;
import dev.flinkspipeline.flinks.sandbox.connect.ConnectFlows;
import dev.flinkspipeline.flinks.sandbox.data.LoginDataGenerator;
import dev.flinkspipeline.flinks.sandbox.state.AuthorizeTokens;
import dev.flinkspipeline.flinks.sandbox.state.Credentials;
import dev.flinkspipeline.flinks.sandbox.state.Login;
import dev.flinkspipeline.flinks.sandbox.state.Logins;
import dev.flinkspipeline.flinks.sandbox.state.Sessions;
import dev.flinkspipeline.flinks.sandbox.state.ToolboxUsers;
import dev.flinkspipeline.flinks.sandbox.webhook.WebhookDispatcher;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;

/** Everything one running sandbox knows; shared by the HTTP handlers. Internal. */
public final class SandboxState {

    private final SandboxConfig config;
    private final LoginDataGenerator generator;
    private final AuthorizeTokens tokens;
    private final Sessions sessions;
    private final Logins logins = new Logins();
    private final ConnectFlows connectFlows = new ConnectFlows();
    private final Faults faults = new Faults();
    private final Stats stats = new Stats();
    private final WebhookDispatcher webhooks;
    private final ScheduledExecutorService scheduler;
    private final AccountsDetailCache accountsDetails;
    private final Credentials credentials;

    SandboxState(SandboxConfig config, LoginDataGenerator generator, ScheduledExecutorService scheduler) {
        this.config = config;
        this.generator = generator;
        this.scheduler = scheduler;
        this.tokens = new AuthorizeTokens(config.tokenTtl());
        this.sessions = new Sessions(config.requestIdIdleTimeout(), config.requestIdMaxLifetime());
        this.webhooks = new WebhookDispatcher(config, generator, scheduler);
        this.accountsDetails = new AccountsDetailCache(generator, config.accountsDetailCacheBytes());
        this.credentials = new Credentials(config.secretKey(), config.apiKey());
        registerToolboxLogins();
    }

    public static long now() {
        return System.nanoTime();
    }

    public SandboxConfig config() {
        return config;
    }

    public LoginDataGenerator generator() {
        return generator;
    }

    public AuthorizeTokens tokens() {
        return tokens;
    }

    public Sessions sessions() {
        return sessions;
    }

    public Logins logins() {
        return logins;
    }

    public ConnectFlows connectFlows() {
        return connectFlows;
    }

    public Faults faults() {
        return faults;
    }

    public Stats stats() {
        return stats;
    }

    public WebhookDispatcher webhooks() {
        return webhooks;
    }

    public ScheduledExecutorService scheduler() {
        return scheduler;
    }
    /** GetAccountsDetail 200 bodies, shared by the banking API (answers) and the admin API (prepare). */
    public AccountsDetailCache accountsDetails() {
        return accountsDetails;
    }
    /** The secret key and x-api-key accepted now (the configured ones unless switched by the admin API). */
    public Credentials credentials() {
        return credentials;
    }

    /**
     * A new connection (Connect, credentials Authorize, live refresh, admin): aggregation restarts, so GAD
     * answers 202 for a while, and the webhooks go out when it is done (if a target is configured).
     */
    public void startAggregation(Login login, boolean fireWebhooks) {
        long now = now();
        login.startAggregation(config.pendingPolls(), now + config.pendingTime().toNanos());
        if (fireWebhooks) {
            webhooks.loginCompleted(login, UUID.randomUUID().toString(), config.pendingTime());
        }
    }

    /**
     * Back to the state right after start: toolbox logins only, no token, session, fault, stat or delivery,
     * the configured credentials.
     */
    public void reset() {
        tokens.clear();
        sessions.clear();
        logins.clear();
        connectFlows.clear();
        faults.clear();
        stats.reset();
        webhooks.reset();
        accountsDetails.clear();
        credentials.restore();
        registerToolboxLogins();
    }

    private void registerToolboxLogins() {
        long now = now();
        for (String username : ToolboxUsers.preRegistered()) {
            logins.getOrCreate(LoginDataGenerator.loginIdForUsername(username), username, now);
        }
    }

    /** Periodic clean-up of expired tokens, sessions and Connect flows. */
    void sweep() {
        long now = now();
        tokens.sweep(now);
        sessions.sweep(now);
        connectFlows.sweep(now);
    }
}
