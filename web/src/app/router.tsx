// Every page of the app, by path. Each feature exports its route objects from
// `features/<feature>/routes.tsx`; this file only puts them together.
import { createBrowserRouter } from "react-router";
import { NotFound } from "./NotFound";
import { Shell } from "./Shell";

export const router = createBrowserRouter([
  {
    element: <Shell />,
    children: [{ path: "*", element: <NotFound /> }],
  },
]);
