package io.github.wxlogin.core.component;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * The flat {@code <xml><Name>value</Name>…</xml>} documents of WeChat's pushes, read with no DOCTYPE, no
 * entities and no external access (a push comes from the internet before its signature is checked).
 */
final class PushXml {

    private final Element root;

    private PushXml(Element root) {
        this.root = root;
    }

    /** @throws MessageRefused when it is not such a document */
    static PushXml parse(byte[] xml) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            factory.setNamespaceAware(false);
            var builder = factory.newDocumentBuilder();
            builder.setErrorHandler(null);
            Element root = builder.parse(new ByteArrayInputStream(xml)).getDocumentElement();
            if (root == null || !"xml".equals(root.getTagName())) {
                throw new MessageRefused("the body is not WeChat's <xml> document");
            }
            return new PushXml(root);
        } catch (SAXException | IOException e) {
            throw new MessageRefused("the body is not well-formed XML");
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK's XML parser cannot be made safe", e);
        }
    }

    static PushXml parse(String xml) {
        return parse(xml.getBytes(StandardCharsets.UTF_8));
    }

    /** The text of the root's child element {@code name}, trimmed; empty when absent or blank. */
    Optional<String> text(String name) {
        for (Node n = root.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) {
                String text = e.getTextContent().strip();
                return text.isEmpty() ? Optional.empty() : Optional.of(text);
            }
        }
        return Optional.empty();
    }
}
