package org.vitrine.generator.site;

import org.apache.commons.configuration.CompositeConfiguration;
import org.apache.commons.configuration.ConfigurationException;
import org.apache.commons.configuration.MapConfiguration;
import org.apache.commons.configuration.PropertiesConfiguration;
import org.jbake.app.configuration.DefaultJBakeConfiguration;
import org.jbake.app.configuration.JBakeConfigurationFactory;
import org.jbake.template.FreemarkerTemplateEngine;
import org.jbake.template.ModelExtractors;
import org.jbake.template.RenderingException;

import java.io.File;
import java.io.Writer;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/**
 * Renders FreeMarker templates from {@code templates/} through jbake-core's template engine.
 *
 * <p>Only jbake-core's rendering half is used. Its {@code Oven} stores every document in an
 * embedded OrientDB and answers template queries from it, which costs gigabytes and, in 2.7.0,
 * quadratic time on large sites; Vitrine's model is already in memory, so templates receive it
 * directly and the database is never created. The keys jbake-core reserves for database
 * queries ({@code published_posts}, {@code tags}, {@code db}, …) are refused so a template cannot
 * silently fall back to it.
 */
public final class TemplateRenderer {

    /**
     * Wraps the model before jbake-core sees it. jbake-core configures FreeMarker with its oldest
     * behaviour (incompatible_improvements 2.3.0), whose object wrapper copies every map and list a
     * template reads; this one reads them in place, which takes a quarter off the time of a
     * listing of thousands of rows. Templates see the same values either way.
     */
    private static final freemarker.template.ObjectWrapper WRAPPER =
            new freemarker.template.DefaultObjectWrapperBuilder(freemarker.template.Configuration.VERSION_2_3_34).build();

    private final FreemarkerTemplateEngine engine;
    private final Set<String> reserved;

    public TemplateRenderer(Path templates) {
        CompositeConfiguration props = new CompositeConfiguration();
        props.addConfiguration(new MapConfiguration(new java.util.HashMap<>(Map.of(
                "template.folder", templates.getFileName().toString(),
                "render.encoding", "UTF-8"))));
        try {
            // jbake-core's own defaults fill the settings Vitrine does not use (content, assets, …).
            props.addConfiguration(new PropertiesConfiguration(FreemarkerTemplateEngine.class.getResource("/default.properties")));
        } catch (ConfigurationException e) {
            throw new IllegalStateException("jbake-core's default.properties cannot be read", e);
        }
        File root = templates.toAbsolutePath().getParent().toFile();
        DefaultJBakeConfiguration config = new JBakeConfigurationFactory().createDefaultJbakeConfiguration(root, props);
        config.setTemplateFolder(templates.toAbsolutePath().toFile());
        this.engine = new FreemarkerTemplateEngine(config, null);
        this.reserved = ModelExtractors.getInstance().keySet();
    }

    /**
     * Renders {@code template} (a file name under the templates folder) with {@code model}.
     *
     * @throws IllegalArgumentException when the model uses a key reserved by jbake-core
     * @throws IllegalStateException    when the template fails, with FreeMarker's message (template, line, column)
     */
    public String render(String template, Map<String, Object> model) {
        for (String key : model.keySet()) {
            if (reserved.contains(key)) {
                throw new IllegalArgumentException("model key '" + key + "' is reserved by jbake-core");
            }
        }
        Map<String, Object> wrapped = new java.util.HashMap<>(model.size() * 4 / 3 + 1);
        try {
            for (Map.Entry<String, Object> e : model.entrySet()) {
                wrapped.put(e.getKey(), WRAPPER.wrap(e.getValue()));
            }
        } catch (freemarker.template.TemplateModelException e) {
            throw new IllegalArgumentException("model of " + template + " cannot be given to a template: " + e.getMessage(), e);
        }
        PageText out = new PageText(16_384);
        try {
            engine.renderDocument(wrapped, template, out);
        } catch (RenderingException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new IllegalStateException("template " + template + ": " + cause.getMessage(), cause);
        }
        return out.toString();
    }

    /**
     * What a template writes, gathered as {@link java.io.StringWriter} does but without the lock
     * its StringBuffer takes on each of the thousands of writes of a page.
     */
    private static final class PageText extends Writer {
        private final StringBuilder text;

        PageText(int capacity) {
            text = new StringBuilder(capacity);
        }

        @Override
        public void write(int c) {
            text.append((char) c);
        }

        @Override
        public void write(char[] chars, int offset, int length) {
            text.append(chars, offset, length);
        }

        @Override
        public void write(String s) {
            text.append(s);
        }

        @Override
        public void write(String s, int offset, int length) {
            text.append(s, offset, offset + length);
        }

        @Override
        public Writer append(CharSequence s) {
            text.append(s);
            return this;
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }

        @Override
        public String toString() {
            return text.toString();
        }
    }
}
