package jp.hip;

import javax.sql.DataSource;

import jakarta.persistence.EntityManagerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.orm.jpa.JpaTransactionManager;
import org.springframework.session.jdbc.config.annotation.SpringSessionTransactionManager;
import org.springframework.session.web.http.CookieSerializer;
import org.springframework.session.web.http.DefaultCookieSerializer;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Transactions and the shared (JDBC) session.
 *
 * <p>Two transaction managers. JPA's is the application's. Spring Session gets a plain JDBC one: loading a
 * session must not open a Hibernate session, because opening one asks {@code CurrentTenant} for the tenant,
 * which is read from the security context, which is loaded from that very session.
 *
 * <p>The session cookie is set here, explicitly: HttpOnly, SameSite=Lax, and Secure unless
 * {@code server.servlet.session.cookie.secure} is false (only the local demo over plain http). With Secure on, the
 * cookie is named {@value #SECURE_NAME}: browsers then accept it only with Secure, path / and no Domain, so no
 * sibling host and no plain-http page can plant or overwrite it (ASVS 3.3.1, probe L7).
 */
@Configuration(proxyBeanMethods = false)
class PersistenceConfiguration {

    @Bean
    @Primary
    JpaTransactionManager transactionManager(EntityManagerFactory entityManagerFactory) {
        return new JpaTransactionManager(entityManagerFactory);
    }

    @Bean
    @SpringSessionTransactionManager
    PlatformTransactionManager sessionTransactionManager(DataSource dataSource) {
        return new JdbcTransactionManager(dataSource);
    }

    static final String SECURE_NAME = "__Host-SESSION";

    @Bean
    CookieSerializer cookieSerializer(@Value("${server.servlet.session.cookie.secure:true}") boolean secure) {
        DefaultCookieSerializer serializer = new DefaultCookieSerializer();
        serializer.setCookieName(secure ? SECURE_NAME : "SESSION");
        serializer.setCookiePath("/");
        serializer.setUseHttpOnlyCookie(true);
        serializer.setUseSecureCookie(secure);
        serializer.setSameSite("Lax");
        return serializer;
    }
}
