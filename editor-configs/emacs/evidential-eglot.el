;;; evidential-eglot.el --- Evidential's language server through Eglot  -*- lexical-binding: t; -*-

;; Registers `evidential lsp' with Eglot (Emacs 29+, or the elpa-eglot package on Emacs 28) for
;; Markdown and plain text, and starts it when such a buffer opens.  Copy these forms into your init
;; file, or put this file on `load-path' and (require 'evidential-eglot).

;;; Code:

(require 'eglot)

;; Plain text first, Markdown second: `add-to-list' prepends, and Eglot takes the first entry whose
;; mode matches, so Markdown (a text-mode) must come before text-mode.
(add-to-list 'eglot-server-programs
             '((text-mode :language-id "plaintext") . ("evidential" "lsp")))
(add-to-list 'eglot-server-programs
             '((markdown-mode :language-id "markdown") . ("evidential" "lsp")))

(defun evidential-eglot-ensure-plain-text ()
  "Start Eglot in `text-mode' itself, not in the modes derived from it (Org, Markdown...)."
  (when (eq major-mode 'text-mode)
    (eglot-ensure)))

(add-hook 'markdown-mode-hook #'eglot-ensure)
(add-hook 'text-mode-hook #'evidential-eglot-ensure-plain-text)

(provide 'evidential-eglot)
;;; evidential-eglot.el ends here
