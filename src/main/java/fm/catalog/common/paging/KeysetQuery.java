package fm.catalog.common.paging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fm.catalog.common.problem.ApiException;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Builds the id query of a list page: filters, a keyset condition from the cursor, the sort and
 * limit + 1 (to know whether a next page exists). Callers then load the page's rows by id, so a
 * page costs the same few statements whatever its size.
 */
public final class KeysetQuery {
    private static final ObjectMapper PLANS = new ObjectMapper();
    private final String table;
    private final String id;
    private final List<String> conditions = new ArrayList<>();
    private final Map<String, Object> parameters = new LinkedHashMap<>();
    private double maxCountCost = Double.POSITIVE_INFINITY;
    private SortKey candidatesBy;
    private int candidates;

    /** Rows of {@code table}, aliased {@code alias}, whose ids are {@code alias.id}. */
    public KeysetQuery(String table, String alias) {
        this.table = table + " " + alias;
        this.id = alias + ".id";
    }

    private KeysetQuery(String from, String id, Void fromClause) {
        this.table = from;
        this.id = id;
    }

    /**
     * Rows of a from clause (a table and alias, or a join) whose ids are {@code id}. A join table whose
     * rows copy the sort keys of the rows they point to pages by its own index, so the tie-breaker is
     * its column ({@code c.episode_id}): an index serves the keyset condition only when both of its
     * columns are that index's.
     */
    public static KeysetQuery over(String from, String id) {
        return new KeysetQuery(from, id, null);
    }

    /** Adds a condition; {@code :name} placeholders in it are bound to the given values in order. */
    public KeysetQuery where(String condition, Object... nameValuePairs) {
        conditions.add(condition);
        for (int i = 0; i + 1 < nameValuePairs.length; i += 2) {
            parameters.put((String) nameValuePairs[i], nameValuePairs[i + 1]);
        }
        return this;
    }

    /** The value bound to a placeholder by {@link #where}, or null. */
    public Object parameter(String name) {
        return parameters.get(name);
    }

    /** The ids of one page in order, the cursor of the next page, and the total when asked for. */
    public record Result(List<Long> ids, String nextCursor, Long total, boolean estimated) {
        public Result(List<Long> ids, String nextCursor, Long total) {
            this(ids, nextCursor, total, false);
        }

        public <T> Page<T> page(List<T> items) {
            return new Page<>(items, nextCursor, total, estimated ? Boolean.TRUE : null);
        }
    }

    /**
     * With count=true, plans the count first and answers the planner's estimate of the rows, marked as
     * one, when the plan costs more than {@code maxCost} (in PostgreSQL's cost units; see
     * docs/indexes.md for what that is in time); counts exactly otherwise.
     */
    public KeysetQuery estimatingOver(double maxCost) {
        this.maxCountCost = maxCost;
        return this;
    }

    /**
     * Sorts only the first {@code n} matching rows in {@code by} order: for a sort too dear to compute over every
     * match (relevance over a word in a tenth of a million episodes), so that every page costs at most n of it.
     * The list then ends after those n; the count, when asked for, still counts every match.
     */
    public KeysetQuery sortingOnlyFirst(int n, SortKey by) {
        this.candidates = n;
        this.candidatesBy = by;
        return this;
    }

    public Result fetch(EntityManager em, SortKey sort, PageRequest page) {
        if (candidatesBy != null) {
            return fetchAmongCandidates(em, sort, page);
        }
        List<String> where = new ArrayList<>(conditions);
        Map<String, Object> params = new LinkedHashMap<>(parameters);
        if (page.cursor() != null) {
            Cursor cursor = Cursor.decode(page.cursor(), sort);
            where.add("(" + sort.expression() + ", " + id + ") " + (sort.descending() ? "<" : ">")
                    + " (cast(:cursorValue as " + sort.sqlType() + "), :cursorId)");
            params.put("cursorValue", cursor.value());
            params.put("cursorId", cursor.id());
        }
        String direction = sort.descending() ? " desc" : " asc";
        String sql = "select " + id + ", cast(" + sort.expression() + " as text) from " + table
                + whereClause(where)
                + " order by " + sort.expression() + direction + ", " + id + direction
                + " limit " + (page.limit() + 1);
        return result(em, sort, page, bindAll(em.createNativeQuery(sql), usedOnly(sql, params)).getResultList());
    }

    /** The keyset over the candidates, which the inner query picks by their own order whatever the cursor. */
    private Result fetchAmongCandidates(EntityManager em, SortKey sort, PageRequest page) {
        Map<String, Object> params = new LinkedHashMap<>(parameters);
        String byDirection = candidatesBy.descending() ? " desc" : " asc";
        String direction = sort.descending() ? " desc" : " asc";
        String inner = "select " + id + " as id, cast(" + sort.expression() + " as " + sort.sqlType() + ") as k from " + table
                + whereClause(conditions) + " order by " + candidatesBy.expression() + byDirection + ", " + id + byDirection
                + " limit " + candidates;
        String keyset = "";
        if (page.cursor() != null) {
            Cursor cursor = Cursor.decode(page.cursor(), sort);
            keyset = " where (candidates.k, candidates.id) " + (sort.descending() ? "<" : ">") + " (cast(:cursorValue as " + sort.sqlType() + "), :cursorId)";
            params.put("cursorValue", cursor.value());
            params.put("cursorId", cursor.id());
        }
        // qualified: a bare k in the order by would name the output column, the text
        String sql = "select candidates.id, cast(candidates.k as text) from (" + inner + ") candidates" + keyset
                + " order by candidates.k" + direction + ", candidates.id" + direction + " limit " + (page.limit() + 1);
        return result(em, sort, page, bindAll(em.createNativeQuery(sql), usedOnly(sql, params)).getResultList());
    }

    private Result result(EntityManager em, SortKey sort, PageRequest page, List<Object[]> rows) {
        String next = null;
        if (rows.size() > page.limit()) {
            rows = rows.subList(0, page.limit());
            Object[] last = rows.get(rows.size() - 1);
            next = new Cursor(sort.name(), (String) last[1], ((Number) last[0]).longValue()).encode();
        }
        List<Long> ids = rows.stream().map(r -> ((Number) r[0]).longValue()).toList();
        Long total = null;
        boolean estimated = false;
        if (page.count()) {
            String countSql = "select count(*) from " + table + whereClause(conditions);
            if (maxCountCost < Double.POSITIVE_INFINITY) {
                // the rows themselves, not their count: the top node's rows are the matches the planner
                // expects (under an aggregate, a parallel plan's rows are per worker), its cost the count's
                String explainSql = "explain (format json) select 1 from " + table + whereClause(conditions);
                JsonNode plan = readPlan((String) bindAll(em.createNativeQuery(explainSql),
                        usedOnly(explainSql, new LinkedHashMap<>(parameters))).getSingleResult());
                if (plan.path("Total Cost").asDouble() > maxCountCost) {
                    total = plan.path("Plan Rows").asLong();
                    estimated = true;
                }
            }
            if (!estimated) {
                total = ((Number) bindAll(em.createNativeQuery(countSql), usedOnly(countSql, new LinkedHashMap<>(parameters)))
                        .getSingleResult()).longValue();
            }
        }
        return new Result(ids, next, total, estimated);
    }

    /** Looks up a sort by its public name; an unknown one is a 400 listing the known ones. */
    public static SortKey sort(String requested, SortKey fallback, List<SortKey> known) {
        if (requested == null || requested.isBlank()) {
            return fallback;
        }
        return known.stream().filter(s -> s.name().equals(requested.trim())).findFirst().orElseThrow(() ->
                ApiException.invalidParameter("sort", "must be one of " + known.stream().map(SortKey::name).collect(Collectors.joining(", "))));
    }

    private static JsonNode readPlan(String json) {
        try {
            return PLANS.readTree(json).path(0).path("Plan");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("PostgreSQL gave a plan that is not JSON", e);
        }
    }

    private static String whereClause(List<String> where) {
        return where.isEmpty() ? "" : " where " + String.join(" and ", where);
    }

    private static Map<String, Object> usedOnly(String sql, Map<String, Object> params) {
        params.keySet().removeIf(name -> !sql.contains(":" + name));
        return params;
    }

    private static Query bindAll(Query query, Map<String, Object> params) {
        params.forEach(query::setParameter);
        return query;
    }
}
