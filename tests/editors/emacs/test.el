;;; test.el --- Emacs + Eglot end-to-end test of editor-configs/emacs  -*- lexical-binding: t; -*-

;; Loads the documented snippet (editor-configs/emacs/evidential-eglot.el), visits a Markdown and a
;; plain-text document of a scratch project whose .dir-locals.el sets `eglot-workspace-configuration',
;; and waits for the real server's diagnostics in Flymake.  Run by tests/editors/emacs/run, which sets
;; the EVIDENTIAL_* variables and puts the binary's directory on PATH.  Exits 0 when every check passed.

;;; Code:

(require 'package)
(package-initialize)                    ; Debian's elpa-eglot and its newer project/xref
(require 'cl-lib)
(require 'flymake)

(defvar evidential-test-failures 0)
(defvar evidential-test-lines nil)

(defun evidential-test-note (fmt &rest args)
  (let ((line (apply #'format fmt args)))
    (push line evidential-test-lines)
    (princ (concat "  " line "\n"))))

(defun evidential-test-check (ok what)
  (evidential-test-note "%s %s" (if ok "ok" "FAIL") what)
  (unless ok (cl-incf evidential-test-failures))
  ok)

(defun evidential-test-wait (pred &optional seconds)
  "Run the event loop until PRED returns non-nil or SECONDS (default 60) pass."
  (let ((deadline (+ (float-time) (or seconds 60))))
    (while (and (not (funcall pred)) (< (float-time) deadline))
      (accept-process-output nil 0.05)
      ;; Batch Emacs has no command loop: run what it would run after a command (eglot-ensure's
      ;; deferred connection, Flymake's deferred start).
      (run-hooks 'post-command-hook))
    (funcall pred)))

(defun evidential-test-diagnostics ()
  "Flymake diagnostics of the current buffer as (CHECK-CODE TYPE TEXT COVERED)."
  (mapcar (lambda (d)
            (list (flymake-diagnostic-text d)
                  (flymake-diagnostic-type d)
                  (buffer-substring-no-properties (flymake-diagnostic-beg d) (flymake-diagnostic-end d))))
          (flymake-diagnostics)))

(defun evidential-test-visit (name)
  (let ((buffer (find-file-noselect (expand-file-name name (getenv "EVIDENTIAL_WORKSPACE")))))
    (switch-to-buffer buffer)
    ;; What the command loop does after `find-file': eglot-ensure connects from post-command-hook.
    (run-hooks 'post-command-hook)
    buffer))

(defun evidential-test-hedge (diags)
  (cl-find-if (lambda (d) (string-match-p "\\[hedge\\]\\|hedges this claim" (car d))) diags))

(defun evidential-test-run ()
  (load (expand-file-name "editor-configs/emacs/evidential-eglot.el" (getenv "EVIDENTIAL_REPO")) nil t)
  (unless (fboundp 'markdown-mode)
    ;; Without the markdown-mode package, a stand-in with the same name (what Eglot derives the
    ;; language from); the test then exercises the snippet exactly as written.
    (define-derived-mode markdown-mode text-mode "Markdown")
    (add-to-list 'auto-mode-alist '("\\.md\\'" . markdown-mode))
    (evidential-test-note "markdown-mode package absent: using a stand-in derived from text-mode"))
  (evidential-test-note "emacs %s, eglot %s" emacs-version
                        (or (ignore-errors (package-desc-version (cadr (assq 'eglot package-alist)))) "?"))

  ;; 1. Markdown: Eglot starts `evidential lsp' and Flymake shows its diagnostics.
  (with-current-buffer (evidential-test-visit "ferry.md")
    (evidential-test-check (eq major-mode 'markdown-mode) "ferry.md is in markdown-mode")
    (evidential-test-check (evidential-test-wait (lambda () (eglot-current-server)))
                           "Eglot connected to evidential for ferry.md")
    (evidential-test-check (evidential-test-wait (lambda () (evidential-test-hedge (evidential-test-diagnostics))))
                           "a hedge diagnostic reached Flymake")
    (let ((hedge (evidential-test-hedge (evidential-test-diagnostics))))
      (evidential-test-note "diagnostics: %S" (evidential-test-diagnostics))
      (when hedge
        (evidential-test-check (equal (nth 2 hedge) "may") "the hedge covers \"may\"")
        (evidential-test-check (eq (nth 1 hedge) 'eglot-error)
                               ".dir-locals.el settings reached the server: hedge is an error")))
    (let ((server (eglot-current-server)))
      (when server
        (evidential-test-check (equal (eglot--language-id server) "markdown") "language id is markdown"))))

  ;; 2. Plain text: the text-mode entry and hook.
  (with-current-buffer (evidential-test-visit "bakery.txt")
    (evidential-test-check (eq major-mode 'text-mode) "bakery.txt is in text-mode")
    (evidential-test-check (evidential-test-wait (lambda () (eglot-current-server)))
                           "Eglot connected to evidential for bakery.txt")
    (evidential-test-check (evidential-test-wait (lambda () (evidential-test-hedge (evidential-test-diagnostics))))
                           "a hedge diagnostic reached Flymake for bakery.txt")
    (evidential-test-note "diagnostics: %S" (evidential-test-diagnostics))
    (let ((server (eglot-current-server)))
      (when server
        (evidential-test-check (equal (eglot--language-id server) "plaintext") "language id is plaintext")))))

(condition-case err
    (evidential-test-run)
  (error (evidential-test-check nil (format "the test raised: %S" err))))

(dolist (server (cl-loop for servers being the hash-values of eglot--servers-by-project
                         append servers))
  (ignore-errors (eglot-shutdown server)))
(evidential-test-note "%d failed" evidential-test-failures)
(kill-emacs (if (zerop evidential-test-failures) 0 1))
;;; test.el ends here
