package jp.hip.phr.search;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A WHERE clause built from typed search criteria: every value is a named parameter (never text in the statement),
 * column names come only from the callers' constants.
 */
public final class SqlWhere {

    private final List<String> clauses = new ArrayList<>();
    private final Map<String, Object> params = new HashMap<>();
    private int next;

    /** A fresh parameter name holding {@code value}. */
    public String bind(Object value) {
        String name = "p" + (next++);
        params.put(name, value);
        return ":" + name;
    }

    public SqlWhere and(String clause) {
        clauses.add("(" + clause + ")");
        return this;
    }

    public String sql() {
        return clauses.isEmpty() ? "true" : String.join(" and ", clauses);
    }

    public Map<String, Object> params() {
        return params;
    }
}
