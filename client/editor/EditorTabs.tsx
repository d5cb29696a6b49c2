export type EditorTab = "questions" | "review" | "history" | "import" | "languages";

const tabLabels: Record<EditorTab, string> = {
  questions: "Questions",
  review: "Review and publish",
  history: "History",
  import: "Import and export",
  languages: "Languages",
};

/** The editor's views, one button each; "Review and publish" counts the open suggestions. */
export function EditorTabs({
  tab,
  openSuggestions,
  onTab,
}: {
  tab: EditorTab;
  openSuggestions: ReadonlyMap<string, number>;
  onTab: (tab: EditorTab) => void;
}) {
  return (
    <nav aria-label="Editor views" className="editor__views">
      <ul>
        {(Object.keys(tabLabels) as EditorTab[]).map((key) => (
          <li key={key}>
            <button
              type="button"
              className={`button ${tab === key ? "" : "button--quiet"}`}
              aria-pressed={tab === key}
              onClick={() => onTab(key)}
            >
              {tabLabels[key]}
              {key === "review" && openSuggestions.size > 0
                ? ` (${[...openSuggestions.values()].reduce((a, b) => a + b, 0)} open)`
                : ""}
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}
