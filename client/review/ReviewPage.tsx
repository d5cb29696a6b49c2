import { usePathname } from "../routing/router.tsx";
import { ResponseReview } from "./ResponseReview.tsx";
import { ReviewQueue } from "./ReviewQueue.tsx";
import "./review.css";

/** `/review` is the queue; `/review/<response id>` one response. */
export default function ReviewPage() {
  const path = usePathname();
  const id = path.startsWith("/review/") ? decodeURIComponent(path.slice("/review/".length)) : "";
  return id ? <ResponseReview key={id} id={id} /> : <ReviewQueue />;
}
