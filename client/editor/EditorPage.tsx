import "./editor.css";
import { usePathname } from "../routing/router.tsx";
import { EditorHome } from "./EditorHome.tsx";
import { SurveyEditor } from "./SurveyEditor.tsx";

/** /editor lists the surveys; /editor/<survey id> opens one. */
export default function EditorPage() {
  const path = usePathname();
  const surveyId = decodeURIComponent(path.slice("/editor/".length).split("/")[0] ?? "");
  if (!path.startsWith("/editor/") || !surveyId) return <EditorHome />;
  return <SurveyEditor key={surveyId} surveyId={surveyId} />;
}
