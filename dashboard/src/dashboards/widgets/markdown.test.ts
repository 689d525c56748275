import { describe, expect, it } from "vitest";
import { renderMarkdown } from "./markdown";

describe("renderMarkdown", () => {
  it("renders Markdown", () => {
    const html = renderMarkdown("# Runbook\n\n- **restart** the `api`\n- see https://example.com/x");
    expect(html).toContain("<h1>Runbook</h1>");
    expect(html).toContain("<strong>restart</strong>");
    expect(html).toContain("<code>api</code>");
    expect(html).toContain('<a href="https://example.com/x" target="_blank" rel="noopener noreferrer">');
  });
  it("escapes raw HTML instead of passing it through", () => {
    const html = renderMarkdown('hi <script>alert(1)</script> <img src=x onerror="alert(2)">');
    expect(html).not.toContain("<script");
    expect(html).not.toContain("<img");
    expect(html).toContain("&lt;script&gt;");
  });
  it("refuses script URLs in links", () => {
    const html = renderMarkdown("[click](javascript:alert(1)) [data](data:text/html;base64,PHNjcmlwdD4=)");
    expect(html).not.toContain('href="javascript:');
    expect(html).not.toContain('href="data:');
  });
});
