export interface Area {
  id: string;
  name: string;
  region: string;
}

export interface CreateAreaRequest {
  id: string;
  name: string;
  region: string;
}

/** An area as listed, with the name of its safeguarding lead when one is on record (issue 18). */
export interface ListedArea extends Area {
  safeguardingLead: string | null;
}

export interface AreasResponse {
  areas: ListedArea[];
}
