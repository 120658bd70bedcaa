import type { RouteObject } from "react-router";
import { SignInPage } from "./components/SignInPage";
import { SignUpPage } from "./components/SignUpPage";

/** The pages anyone may open: sign in and sign up. */
export const authRoutes: RouteObject[] = [
  { path: "sign-in", element: <SignInPage /> },
  { path: "sign-up", element: <SignUpPage /> },
];
