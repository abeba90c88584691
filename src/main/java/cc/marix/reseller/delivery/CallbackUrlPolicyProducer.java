package cc.marix.reseller.delivery;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import cc.marix.reseller.config.AppConfig;
import io.quarkus.arc.DefaultBean;

/** The callback policy of this deployment: public https only, unless a local run allows loopback http. */
public class CallbackUrlPolicyProducer {

    private static final Logger LOG = Logger.getLogger(CallbackUrlPolicyProducer.class);

    @Produces
    @Singleton
    @DefaultBean
    CallbackUrlPolicy policy(AppConfig config) {
        if (config.delivery().allowLoopbackHttp()) {
            LOG.warn("callbacks may go to http on loopback (app.delivery.allow-loopback-http): local runs only");
        }
        return new CallbackUrlPolicy(HostResolver.SYSTEM, config.delivery().allowLoopbackHttp());
    }
}
