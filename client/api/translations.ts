import type { Problem } from "../../shared/contract/problems.ts";
import type {
  PicturesView,
  SaveTranslationsRequest,
  TranslationsImportReport,
  TranslationsView,
} from "../../shared/contract/translations.ts";
import { ApiError, NetworkError } from "./api-error.ts";
import { get, post, request } from "./http.ts";

/** Translation in the editor (issue 18; shared/contract/translations.ts). */
const survey = (id: string) => `/api/editor/surveys/${encodeURIComponent(id)}`;

export const fetchTranslations = (id: string) => get<TranslationsView>(`${survey(id)}/translations`);

export const saveTranslations = (id: string, locale: string, body: SaveTranslationsRequest) =>
  request<TranslationsView>("PUT", `${survey(id)}/translations/${encodeURIComponent(locale)}`, body);

export const addLanguage = (id: string, locale: string) =>
  post<TranslationsView>(`${survey(id)}/languages`, { locale });

export const setOffered = (id: string, locale: string, offered: boolean) =>
  request<TranslationsView>("PUT", `${survey(id)}/languages/${encodeURIComponent(locale)}`, { offered });

export const signOffLanguage = (id: string, locale: string, note: string) =>
  post<TranslationsView>(`${survey(id)}/languages/${encodeURIComponent(locale)}/signoffs`, { note });

export const setMyLanguages = (locales: string[]) =>
  request<{ locales: string[] }>("PUT", "/api/editor/my-languages", { locales });

export const fetchPictures = (id: string) => get<PicturesView>(`${survey(id)}/pictures`);

export const savePicture = (
  id: string,
  body: {
    revision: number;
    question: string;
    choice?: string;
    picture: { dataUrl: string; alt: string } | null;
  },
) => request<{ revision: number }>("PUT", `${survey(id)}/pictures`, body);

export const translationsCsvUrl = (id: string) => `${survey(id)}/translations.csv`;

export async function importTranslationsCsv(
  id: string,
  revision: number,
  csv: string,
  preview: boolean,
): Promise<TranslationsImportReport> {
  let response: Response;
  try {
    response = await fetch(
      `${survey(id)}/translations.csv?revision=${revision}${preview ? "&preview=1" : ""}`,
      {
        method: "POST",
        credentials: "same-origin",
        headers: { accept: "application/json", "content-type": "text/csv; charset=utf-8" },
        body: csv,
      },
    );
  } catch {
    throw new NetworkError();
  }
  if (!response.ok) {
    const problem = (await response.json().catch(() => null)) as Problem | null;
    throw new ApiError(
      problem ?? {
        type: "about:blank",
        title: "The file could not be read.",
        status: response.status,
        code: "invalid_body",
      },
    );
  }
  return (await response.json()) as TranslationsImportReport;
}
