package jp.hip.identity.database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.stereotype.Component;

import jp.hip.identity.CurrentTenant;

/**
 * The database half of the tenant mechanism (ADR 0090): every connection the application takes from the pool first
 * gets {@code hip.tenant_id} and {@code hip.scope} from {@link CurrentTenant}, and PostgreSQL's row-level security
 * policies key on them. A transaction takes its connection when it begins, so the settings are those of the
 * transaction's start, for the whole transaction, JPA and JDBC alike; a statement outside a transaction takes its own.
 * The values are set on every checkout, so a pooled connection never carries the previous user's.
 *
 * <p>{@code hip.db.scope-without-principal} is the scope of a thread that serves no web request (see
 * {@link CurrentTenant#requestStarted}) and has no override and no authentication at all; empty (none) unless the
 * test harness sets it for its own SQL (TestDatabase). It never applies to a request, signed in or not.
 */
@Component
class TenantConnections implements BeanPostProcessor {

    private final Environment environment;

    TenantConnections(Environment environment) {
        this.environment = environment;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof DataSource dataSource && !(bean instanceof Scoped)) {
            return new Scoped(dataSource, environment.getProperty("hip.db.scope-without-principal", ""));
        }
        return bean;
    }

    static final class Scoped extends DelegatingDataSource {

        private final String withoutPrincipal;

        Scoped(DataSource target, String withoutPrincipal) {
            super(target);
            this.withoutPrincipal = withoutPrincipal;
        }

        @Override
        public Connection getConnection() throws SQLException {
            return prepare(super.getConnection());
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            return prepare(super.getConnection(username, password));
        }

        private Connection prepare(Connection connection) throws SQLException {
            String[] settings = CurrentTenant.databaseSettings(withoutPrincipal);
            try (PreparedStatement statement = connection.prepareStatement(
                    "select set_config('hip.tenant_id', ?, false), set_config('hip.scope', ?, false)")) {
                statement.setString(1, settings[0]);
                statement.setString(2, settings[1]);
                statement.execute();
            } catch (SQLException e) {
                connection.close();
                throw e;
            }
            return connection;
        }
    }
}
