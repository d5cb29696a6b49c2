import type { Me } from "../../shared/contract/index.ts";
import { Redirect } from "../routing/router.tsx";
import { homePathFor } from "./routes.ts";
import { WelcomePage } from "./WelcomePage.tsx";

/** "/" sends each role to where its work is; experts, whose editor is still to come, are welcomed. */
export function HomePage({ me }: { me: Me }) {
  const home = homePathFor(me.role);
  return home ? <Redirect to={home} /> : <WelcomePage me={me} />;
}
