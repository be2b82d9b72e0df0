package dev.ticker.web;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;

import dev.ticker.problem.RouteTable;

/**
 * The routes of the API as its resource classes declare them: which methods a path allows (the
 * Allow header of a 405, which JAX-RS does not send), which media types an operation takes (the
 * detail of a 415) and the templates of its reads (the read cache answers them).
 */
@ApplicationScoped
public class ApiRoutes implements RouteTable {

    /** One operation: its path template ("/v1/news/{idOrSlug}"), method and the media types its body may have. */
    public record Route(String template, Pattern path, String method, List<String> consumes) {
    }

    private final List<Route> routes;

    ApiRoutes(BeanManager beans) {
        List<Route> found = new ArrayList<>();
        for (Bean<?> bean : beans.getBeans(Object.class, Any.Literal.INSTANCE)) {
            Class<?> type = bean.getBeanClass();
            Path root = type.getAnnotation(Path.class);
            if (root == null) {
                continue;
            }
            for (Method method : type.getMethods()) {
                String verb = verbOf(method);
                if (verb != null) {
                    Path sub = method.getAnnotation(Path.class);
                    String template = ("/" + root.value() + (sub == null ? "" : "/" + sub.value())).replaceAll("/+", "/");
                    Consumes consumes = method.getAnnotation(Consumes.class);
                    found.add(new Route(template, pattern(template), verb, consumes == null ? List.of() : List.of(consumes.value())));
                }
            }
        }
        this.routes = List.copyOf(found);
    }

    public List<Route> all() {
        return routes;
    }

    @Override
    public String allowed(String path) {
        Set<String> allowed = new TreeSet<>();
        for (Route route : routes) {
            if (route.path().matcher(path).matches()) {
                allowed.add(route.method());
            }
        }
        if (allowed.contains(HttpMethod.GET)) {
            allowed.add(HttpMethod.HEAD);
        }
        if (!allowed.isEmpty()) {
            allowed.add(HttpMethod.OPTIONS);
        }
        return String.join(", ", allowed);
    }

    @Override
    public Set<String> consumes(String method, String path) {
        Set<String> types = new LinkedHashSet<>();
        for (Route route : routes) {
            if (route.method().equals(method) && route.path().matcher(path).matches()) {
                types.addAll(route.consumes());
            }
        }
        return types;
    }

    private static String verbOf(Method method) {
        for (var annotation : method.getAnnotations()) {
            HttpMethod verb = annotation.annotationType().getAnnotation(HttpMethod.class);
            if (verb != null) {
                return verb.value();
            }
        }
        return null;
    }

    /** "/v1/news/{idOrSlug}" → ^/v1/news/[^/]+/?$ */
    private static Pattern pattern(String template) {
        StringBuilder regex = new StringBuilder("^");
        for (String part : template.split("(?=\\{)|(?<=\\})")) {
            regex.append(part.startsWith("{") ? "[^/]+" : Pattern.quote(part));
        }
        return Pattern.compile(regex.append("/?$").toString());
    }
}
