import type { ComponentType } from "react";
import type { Me } from "../../shared/contract/index.ts";
import { fetchSafeguardingQueue } from "../api/coordination.ts";
import { useResource } from "../api/use-resource.ts";
import { useMe } from "../auth/session.tsx";
import { Link, usePathname } from "../routing/router.tsx";
import { PageHeading } from "../ui/PageHeading.tsx";
import { AreaSettingsSection } from "./AreaSettingsSection.tsx";
import { DebriefsSection } from "./DebriefsSection.tsx";
import { DevicesSection } from "./DevicesSection.tsx";
import { FollowUpsSection } from "./FollowUpsSection.tsx";
import { PeopleSection } from "./PeopleSection.tsx";
import { PlansSection } from "./PlansSection.tsx";
import { ProgressSection } from "./ProgressSection.tsx";
import { RewardsSection } from "./RewardsSection.tsx";
import { SafeguardingSection } from "./SafeguardingSection.tsx";
import { TrainingSection } from "./TrainingSection.tsx";
import "./coordination.css";

interface Section {
  slug: string;
  label: string;
  title: string;
  Component: ComponentType<{ me: Me }>;
}

/** Everything a coordinator does, one sub-page each under /coordination/…; the overview comes first. */
const sections: Section[] = [
  { slug: "", label: "Overview", title: "Coordination", Component: Overview },
  {
    slug: "safeguarding",
    label: "Safeguarding",
    title: "Safeguarding queue",
    Component: SafeguardingSection,
  },
  { slug: "follow-ups", label: "Follow-ups", title: "Follow-ups", Component: FollowUpsSection },
  { slug: "people", label: "People", title: "People and invitations", Component: PeopleSection },
  { slug: "tablets", label: "Tablets", title: "Tablets", Component: DevicesSection },
  { slug: "training", label: "Training", title: "Training", Component: TrainingSection },
  { slug: "debriefs", label: "Debriefs", title: "Debriefs", Component: DebriefsSection },
  { slug: "plans", label: "Participation plans", title: "Participation plans", Component: PlansSection },
  { slug: "rewards", label: "Rewards", title: "Reward log", Component: RewardsSection },
  { slug: "areas", label: "Area settings", title: "Area settings", Component: AreaSettingsSection },
];

const pathOf = (slug: string) => (slug ? `/coordination/${slug}` : "/coordination");

export default function CoordinationPage() {
  const me = useMe();
  const path = usePathname().replace(/\/+$/, "") || "/coordination";
  const section = sections.find((s) => pathOf(s.slug) === path);
  return (
    <>
      <PageHeading>{section?.title ?? "Not found"}</PageHeading>
      <nav aria-label="Coordination" className="subnav">
        <ul>
          {sections.map((s) => (
            <li key={s.slug}>
              <Link to={pathOf(s.slug)}>{s.label}</Link>
            </li>
          ))}
        </ul>
      </nav>
      {section ? (
        <section.Component key={section.slug} me={me} />
      ) : (
        <p>There is no such coordination page.</p>
      )}
    </>
  );
}

function Overview({ me }: { me: Me }) {
  return (
    <>
      <NewConcernsNotice />
      <ProgressSection me={me} />
    </>
  );
}

const loadOpenConcerns = () => fetchSafeguardingQueue("open");

/** The first thing a coordinator should know: concerns nobody has taken on yet. */
function NewConcernsNotice() {
  const [queue] = useResource(loadOpenConcerns);
  if (queue.status !== "ready") return null;
  const fresh = queue.data.concerns.filter((c) => c.state === "new");
  if (fresh.length === 0) return <p>No new safeguarding concerns.</p>;
  const mine = fresh.filter((c) => queue.data.leadOf.includes(c.areaId)).length;
  return (
    <div className="notice notice--warning">
      <h2>
        {fresh.length} new safeguarding {fresh.length === 1 ? "concern" : "concerns"}
      </h2>
      {mine > 0 && (
        <p>
          {fresh.length === 1
            ? "You are the named safeguarding lead for it."
            : `You are the named safeguarding lead for ${mine === fresh.length ? "all of them" : `${mine} of them`}.`}
        </p>
      )}
      <p>
        <Link to="/coordination/safeguarding">Open the safeguarding queue</Link>
      </p>
    </div>
  );
}
