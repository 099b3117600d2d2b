package org.casefunds.ledger.processing;

import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.casefunds.ledger.approvals.Role;
import org.casefunds.ledger.base.Checks;
import org.casefunds.ledger.commands.Request;

/**
 * The one registry of request kinds: for each kind, who may ask for it and how it is decided. It
 * holds every kind the {@link Request} interface permits, each exactly once, or it is not made.
 *
 * <p>This class is immutable and thread-safe.
 */
public final class RequestKinds {
    private final Map<Class<?>, Kind<?>> byType;

    /**
     * One kind of request.
     *
     * @param <R> the request record
     * @param type its class
     * @param mayRequest the roles that may issue it (docs/domain.md §9); auditors and supervisors issue nothing
     * @param decision how it is decided
     */
    public record Kind<R extends Request>(Class<R> type, Set<Role> mayRequest, Decision<R> decision) {
        /** Checks and copies the values. */
        public Kind {
            Checks.required(type, "type");
            Checks.required(decision, "decision");
            Checks.argument(!Checks.required(mayRequest, "mayRequest").isEmpty(), "mayRequest", "[]",
                    "some role must be able to issue " + type.getSimpleName());
            mayRequest = Collections.unmodifiableSet(EnumSet.copyOf(mayRequest));
        }
    }

    private RequestKinds(Map<Class<?>, Kind<?>> byType) {
        this.byType = byType;
    }

    /** The kind {@code type}, issued by {@code roles}, decided by {@code decision}. */
    public static <R extends Request> Kind<R> kind(Class<R> type, Set<Role> roles, Decision<R> decision) {
        return new Kind<>(type, roles, decision);
    }

    /**
     * The registry of {@code kinds}.
     *
     * @throws IllegalArgumentException naming the kinds left out or given twice: a request without
     *     a decision is a defect of the build, not of the input
     */
    public static RequestKinds of(List<Kind<?>> kinds) {
        Map<Class<?>, Kind<?>> byType = new HashMap<>();
        for (Kind<?> kind : kinds) {
            if (byType.put(kind.type(), kind) != null) {
                throw new IllegalArgumentException(kind.type().getSimpleName() + " is registered twice");
            }
        }
        Set<Class<?>> permitted = new HashSet<>(Arrays.asList(Request.class.getPermittedSubclasses()));
        if (!permitted.equals(byType.keySet())) {
            Set<String> missing = new TreeSet<>();
            permitted.stream().filter(type -> !byType.containsKey(type)).forEach(type -> missing.add(type.getSimpleName()));
            throw new IllegalArgumentException("every kind of request needs its roles and its decision; missing: "
                    + missing);
        }
        return new RequestKinds(Map.copyOf(byType));
    }

    /** The roles that may issue requests of {@code type}; never null. */
    public Set<Role> mayRequest(Class<? extends Request> type) {
        return kindOf(type).mayRequest();
    }

    /** Decides {@code request} by its kind's decision. */
    @SuppressWarnings("unchecked")
    void decide(Context context, Request request) {
        ((Decision<Request>) kindOf(request.getClass()).decision()).decide(context, request);
    }

    private Kind<?> kindOf(Class<?> type) {
        Kind<?> kind = byType.get(type);
        if (kind == null) {
            throw new AssertionError("no kind registered for " + type.getSimpleName());
        }
        return kind;
    }
}
