import { Model } from "survey-core";
import { describe, expect, it } from "vitest";
import { sanitiseHtml } from "../../../shared/html/sanitise-html.ts";
import { sanitiseSurveyHtml } from "../../../shared/html/sanitise-survey.ts";
import { sanitiseRenderedHtml } from "../../../shared/html/survey-model-html.ts";

// Issue 14, finding 2: the outside probe's payloads, and what must survive them.

const clean = (html: string) => sanitiseHtml(html).html;

/** Nothing that runs, navigates to script, or places itself over the page. */
function expectHarmless(rendered: string): void {
  // Quoted attribute values are text (their < > " are escaped), so only the markup around them counts.
  const html = rendered.replace(/"[^"]*"/g, '""');
  expect(html).not.toMatch(/\son[a-z]+\s*=/i);
  expect(html).not.toMatch(/<\s*(script|svg|iframe|object|embed|form|input|button|style|math|base|meta)/i);
  expect(html).not.toMatch(/(java|vb)script\s*:|data\s*:/i);
  expect(html).not.toMatch(/position|z-index|inset|top\s*:|left\s*:|transform/i);
}

describe("sanitising survey HTML", () => {
  const probe: [string, string][] = [
    ["img onerror", '<img src=x onerror="fetch(`/api/auth/me`)">'],
    ["img onerror without quotes or spaces", "<img/src=x/onerror=alert(1)>"],
    ["svg onload", "<svg onload=alert(1)><circle r=40 /></svg>"],
    ["svg/onload", "<svg/onload=alert(1)>"],
    ["details ontoggle", "<details open ontoggle=alert(1)><summary>More</summary>text</details>"],
    ["javascript: link", '<a href="javascript:alert(1)">go</a>'],
    ["javascript: with hex entity", '<a href="jav&#x61;script:alert(1)">go</a>'],
    ["javascript: with decimal entity, no semicolon", '<a href="&#106avascript:alert(1)">go</a>'],
    ["javascript: with named entity", '<a href="javascript&colon;alert(1)">go</a>'],
    ["javascript: split by a tab entity", '<a href="java&#9;script:alert(1)">go</a>'],
    ["javascript: split by &Tab;", '<a href="java&Tab;script:alert(1)">go</a>'],
    ["upper-case JAVASCRIPT", '<a href=" JAVASCRIPT:alert(1)">go</a>'],
    ["vbscript:", '<a href="vbscript:msgbox(1)">go</a>'],
    ["data: link", '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">go</a>'],
    ["data: picture", '<img src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+">'],
    [
      "position:fixed overlay",
      '<div style="position:fixed;inset:0;top:0;left:0;width:100vw;height:100vh;z-index:2147483647;background:#fff">' +
        '<a href="https://evil.example/login">Your session has expired, sign in again</a></div>',
    ],
    ["position written with an entity", '<div style="position&#58;fixed;top:0">x</div>'],
    ["position written with a named entity", '<div style="position&colon;fixed">x</div>'],
    ["transform", '<div style="transform:translate(0,-500px)">x</div>'],
    ["script", "<script>alert(1)</script>"],
    ["iframe", '<iframe src="https://evil.example"></iframe>'],
    ["object", '<object data="x.swf"></object><embed src="x.swf">'],
    ["form", '<form action="https://evil.example"><input name="password"><button>Sign in</button></form>'],
    ["style element", "<style>body{display:none}</style>"],
    ["base", '<base href="https://evil.example/">'],
    ["meta refresh", '<meta http-equiv="refresh" content="0;url=https://evil.example">'],
    ["app overlay class", '<div class="dialog-backdrop" id="root">x</div>'],
    ["comment trick", "<!--<img src=x onerror=alert(1)>-->"],
  ];

  it.each(probe)("removes %s", (_label, payload) => {
    const result = sanitiseHtml(payload);
    expectHarmless(result.html);
    expect(result.removed.length).toBeGreaterThan(0);
    // Idempotent: saving the cleaned text again changes nothing and reports nothing.
    expect(sanitiseHtml(result.html)).toEqual({ html: result.html, removed: [] });
  });

  it("keeps markup hidden in a quoted attribute as text", () => {
    const result = sanitiseHtml('<p><img src="x" title="</p><img src=x onerror=alert(1)>"></p>');
    expectHarmless(result.html);
    expect(result.html).toContain('title="&lt;/p&gt;&lt;img src=x onerror=alert(1)&gt;"');
  });

  it("says in plain words what it removed", () => {
    expect(sanitiseHtml('<img src=x onerror="alert(1)">').removed).toEqual([
      'an action that runs by itself ("onerror") on a picture',
    ]);
    expect(sanitiseHtml('<a href="jav&#x61;script:alert(1)">go</a>').removed).toEqual([
      'an address starting "javascript:" on a link',
    ]);
    expect(sanitiseHtml('<p style="position:fixed;color:red">x</p>').removed).toEqual([
      'a style that moves it or places it over the page ("position: fixed")',
    ]);
    expect(sanitiseHtml("<form><input></form>").removed).toEqual(["a form", "a form field"]);
  });

  it("keeps ordinary formatting, and marks every link as opening in a new tab", () => {
    const html =
      '<h3>About this survey</h3><p style="color:#1a4f8b;text-align:center">It takes <strong>10 minutes</strong>; you can <em>stop</em> at any time.</p>' +
      '<ul><li>one</li><li>two</li></ul><table><tr><th scope="col">A</th></tr><tr><td colspan="2">1 &lt; 2</td></tr></table>' +
      '<img src="/icons/help.png" alt="Help"> <img src="https://example.org/a.png" alt="">';
    const result = sanitiseHtml(html);
    expect(result.removed).toEqual([]);
    expect(result.html).toContain('<p style="color:#1a4f8b; text-align:center;">');
    expect(result.html).toContain("<strong>10 minutes</strong>");
    expect(result.html).toContain('<td colspan="2">1 &lt; 2</td>');
    expect(result.html).toContain('<img src="/icons/help.png" alt="Help">');

    const link = sanitiseHtml(
      '<a href="https://www.mind.org.uk/?a=1&amp;b=2" target="_self" rel="opener">Mind</a>',
    );
    expect(link.html).toBe(
      '<a rel="noopener noreferrer" target="_blank" class="external-link" href="https://www.mind.org.uk/?a=1&amp;b=2">Mind</a>',
    );
    for (const href of ["mailto:help@example.org", "tel:+441234567890", "/fieldwork", "#top", "help.html"]) {
      expect(clean(`<a href="${href}">x</a>`)).toContain(`href="${href}"`);
    }
  });

  it("keeps a lone < or > as text", () => {
    expect(clean("3 < 5 and 7 > 2")).toBe("3 &lt; 5 and 7 &gt; 2");
  });
});

describe("sanitising a survey definition", () => {
  it("cleans every HTML property, each language of a translated one, and names where", () => {
    const definition = {
      title: "A <b>title</b> is text, not HTML",
      completedHtml: "<p>Thanks</p><img src=x onerror=alert(1)>",
      completedHtmlOnCondition: [{ expression: "{a} = 1", html: "<svg onload=alert(1)>" }],
      pages: [
        {
          name: "p1",
          elements: [
            {
              type: "html",
              name: "intro",
              html: { default: "<div style='position:fixed'>x</div>", cy: "<p>Iawn</p>" },
            },
            { type: "text", name: "a", title: "Age <img src=x onerror=alert(1)>" },
          ],
        },
      ],
    };
    const { definition: out, removals } = sanitiseSurveyHtml(definition);
    expect(out.completedHtml).toBe('<p>Thanks</p><img src="x">');
    expect(out.completedHtmlOnCondition[0]?.html).toBe("");
    expect(sanitiseHtml("<svg onload=alert(1)>rest").html).toBe("");
    expect(out.pages[0]?.elements[0]?.html).toEqual({ default: "<div style>x</div>", cy: "<p>Iawn</p>" });
    // Titles are rendered as text by SurveyJS (no markdown hook), so their wording is left alone.
    expect(out.title).toBe(definition.title);
    expect(out.pages[0]?.elements[1]?.title).toBe(definition.pages[0]?.elements[1]?.title);
    expect(definition.completedHtml).toContain("onerror"); // the input is not changed
    expect(removals).toEqual(
      expect.arrayContaining([
        {
          where: "the survey's completedHtml",
          removed: ['an action that runs by itself ("onerror") on a picture'],
        },
        { where: "intro", removed: ['a style that moves it or places it over the page ("position: fixed")'] },
      ]),
    );
    expect(removals.map((r) => r.where)).toContain("the survey's html");
  });

  it("reports nothing for a survey with no HTML to change", () => {
    const definition = {
      pages: [{ name: "p", elements: [{ type: "html", name: "i", html: "<p>Hello</p>" }] }],
    };
    expect(sanitiseSurveyHtml(definition)).toEqual({ definition, removals: [] });
  });
});

describe("sanitising what SurveyJS renders", () => {
  it("cleans html questions and the completed page, including answers put into {placeholders}", () => {
    const model = new Model({
      completedHtml: "<p>Thank you {name}</p><img src=x onerror=alert(1)>",
      pages: [
        {
          elements: [
            { type: "text", name: "name" },
            { type: "text", name: "other" },
            {
              type: "html",
              name: "echo",
              html: "<p>You said: {name}</p><div style='position:fixed'>cover</div>",
            },
          ],
        },
      ],
    });
    sanitiseRenderedHtml(model);
    model.setValue("name", '<img src=x onerror=alert(1)>{other}<a href="javascript:alert(1)">x</a>');
    model.setValue("other", "<svg onload=alert(2)>");
    const question = model.getQuestionByName("echo") as unknown as { locHtml: { renderedHtml: string } };
    const rendered = question.locHtml.renderedHtml;
    expectHarmless(rendered);
    expect(rendered).toContain("You said:");
    expect(rendered).toContain("&#123;other}");
    expectHarmless(model.processedCompletedHtml);
    expect(model.processedCompletedHtml).toContain("Thank you");
  });

  it("without the hook, SurveyJS would render the same HTML as it was (what the hook is for)", () => {
    const model = new Model({
      pages: [{ elements: [{ type: "html", name: "h", html: "<img src=x onerror=alert(1)>" }] }],
    });
    const question = model.getQuestionByName("h") as unknown as { locHtml: { renderedHtml: string } };
    expect(question.locHtml.renderedHtml).toContain("onerror");
  });
});
