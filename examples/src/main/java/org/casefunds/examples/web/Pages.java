package org.casefunds.examples.web;

import java.util.Map;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.context.IExpressionContext;
import org.thymeleaf.linkbuilder.StandardLinkBuilder;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * The dashboard's pages, rendered on the server by Thymeleaf from the templates in the jar
 * ({@code org/casefunds/examples/web/templates}); every value is escaped as it is written.
 */
final class Pages {
    private final TemplateEngine engine = new TemplateEngine();

    Pages() {
        ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver(Pages.class.getClassLoader());
        resolver.setPrefix("org/casefunds/examples/web/templates/");
        resolver.setSuffix(".html");
        resolver.setTemplateMode(TemplateMode.HTML);
        resolver.setCharacterEncoding("UTF-8");
        resolver.setCacheable(true);
        engine.setTemplateResolver(resolver);
        // Links such as @{/cases/{n}} are relative to the site's root: the dashboard is served at "/".
        engine.setLinkBuilder(new StandardLinkBuilder() {
            @Override
            protected String computeContextPath(IExpressionContext context, String base, Map<String, Object> parameters) {
                return "";
            }
        });
    }

    /** The page {@code template} with {@code model}. */
    String render(String template, Map<String, Object> model, java.util.Locale locale) {
        Context context = new Context(locale);
        context.setVariables(model);
        return engine.process(template, context);
    }
}
