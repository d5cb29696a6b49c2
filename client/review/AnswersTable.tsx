import type { ReviewDetail } from "../../shared/contract/index.ts";
import { formatAnswer, questionLabel } from "./format-answer.ts";

/** The current answers, question by question, with the check it did not pass beside it. */
export function AnswersTable({ detail }: { detail: ReviewDetail }) {
  const asked = detail.fields.map((f) => f.name);
  const extra = Object.keys(detail.answers).filter((name) => !asked.includes(name));
  return (
    <section aria-labelledby="answers-heading">
      <h2 id="answers-heading">Answers</h2>
      <div className="table-scroll">
        <table className="table">
          <caption className="visually-hidden">Each question and the answer given</caption>
          <thead>
            <tr>
              <th scope="col">Question</th>
              <th scope="col">Answer</th>
              <th scope="col">Check not passed</th>
            </tr>
          </thead>
          <tbody>
            {[...asked, ...extra].map((name) => {
              const issue = detail.issues.find((i) => i.question === name);
              return (
                <tr key={name} className={issue ? "row--issue" : undefined}>
                  <th scope="row">{questionLabel(detail.fields, name)}</th>
                  <td className="answer">
                    {formatAnswer(
                      detail.fields.find((f) => f.name === name),
                      detail.answers[name],
                    )}
                  </td>
                  <td>{issue?.message ?? ""}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}
